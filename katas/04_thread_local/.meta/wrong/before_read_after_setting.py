"""Wrong: set_local_data reads "before" after it has already set the index.

expect: test_set_local_data_returns_before_and_after -> SET_RETURNED
expect: test_main_returns_each_threads_before_and_after -> MAIN_THREAD_ENTRY
"""

from __future__ import annotations

import threading


def make_store():
    return threading.local()


def read_index(store) -> int | None:
    return getattr(store, "index", None)


def set_local_data(store, index: int) -> tuple[int | None, int]:
    store.index = index
    return read_index(store), read_index(store)


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
