"""Correct: each store is a dict keyed by the Thread object itself, under a lock. No two threads
share a Thread object, so no thread ever sees another's value, even one that got a finished
thread's ident (a finished thread's value is kept, but never seen again)."""

from __future__ import annotations

import threading


class Store:
    def __init__(self) -> None:
        self.values: dict[threading.Thread, int] = {}
        self.lock = threading.Lock()


def make_store():
    return Store()


def read_index(store) -> int | None:
    with store.lock:
        return store.values.get(threading.current_thread())


def set_local_data(store, index: int) -> tuple[int | None, int]:
    before = read_index(store)
    with store.lock:
        store.values[threading.current_thread()] = index
    return before, read_index(store)


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    store = make_store()
    results = {threading.current_thread().name: set_local_data(store, 0)}

    def run(index: int) -> None:
        results[threading.current_thread().name] = set_local_data(store, index)

    threads = [threading.Thread(target=run, args=(i + 1,), name=f"thread-{i}") for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
