"""Wrong: read_index returns 0 when the thread has set nothing.

expect: test_new_store_reads_none -> UNSET_NOT_NONE
expect: test_set_local_data_returns_before_and_after -> SET_RETURNED
expect: test_new_thread_sees_nothing_before_it_sets -> UNSET_NOT_NONE
expect: test_two_stores_are_independent -> UNSET_NOT_NONE
expect: test_thread_started_after_another_finished_sees_nothing -> UNSET_NOT_NONE
expect: test_main_returns_each_threads_before_and_after -> MAIN_THREAD_ENTRY
"""

from __future__ import annotations

import threading


def make_store():
    return threading.local()


def read_index(store) -> int | None:
    return getattr(store, "index", 0)


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
