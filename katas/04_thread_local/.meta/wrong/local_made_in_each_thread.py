"""Wrong: each thread of main makes its own threading.local() and sets its index there; only the
calling thread uses the store main made.

expect: test_main_sets_every_index_in_one_store -> MAIN_STORES
"""

from __future__ import annotations

import threading


def make_store():
    return threading.local()


def read_index(store) -> int | None:
    try:
        return store.index
    except AttributeError:
        return None


def set_local_data(store, index: int) -> tuple[int | None, int]:
    before = read_index(store)
    store.index = index
    return before, read_index(store)


def worker(index: int, results: dict) -> None:
    store = threading.local()
    results[threading.current_thread().name] = set_local_data(store, index)


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    store = make_store()
    before, _ = set_local_data(store, 0)
    results: dict = {}
    threads = [
        threading.Thread(target=worker, args=(i + 1, results), name=f"thread-{i}")
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results[threading.current_thread().name] = (before, read_index(store))
    return results
