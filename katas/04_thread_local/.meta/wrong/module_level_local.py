"""Wrong: one threading.local made at module level is every store, so two stores share values.

expect: test_two_stores_are_independent -> STORES_SHARED
"""

from __future__ import annotations

import threading

_LOCAL = threading.local()


def make_store():
    return _LOCAL


def read_index(store) -> int | None:
    return getattr(store, "index", None)


def set_local_data(store, index: int) -> tuple[int | None, int]:
    before = read_index(store)
    store.index = index
    return before, read_index(store)


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    store = make_store()
    before, _ = set_local_data(store, 0)
    results = {}

    def run(index: int) -> None:
        results[threading.current_thread().name] = set_local_data(store, index)

    threads = [threading.Thread(target=run, args=(i + 1,), name=f"thread-{i}") for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results[threading.current_thread().name] = (before, read_index(store))
    return results
