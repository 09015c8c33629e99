"""Correct: main makes one store and hands it to each thread by keyword; every call of
set_local_data names its arguments."""

from __future__ import annotations

import threading


def make_store():
    return threading.local()


def read_index(store) -> int | None:
    return getattr(store, "index", None)


def set_local_data(store, index: int) -> tuple[int | None, int]:
    before = read_index(store)
    store.index = index
    return before, read_index(store)


def report(*, store, index: int, results: dict) -> None:
    results[threading.current_thread().name] = set_local_data(store=store, index=index)


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    shared = make_store()
    results: dict = {}
    report(store=shared, index=0, results=results)
    threads = [
        threading.Thread(
            target=report,
            kwargs={"store": shared, "index": i + 1, "results": results},
            name=f"thread-{i}",
        )
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
