"""Wrong: the store is a plain object, shared by every thread, instead of a threading.local.

expect: test_each_thread_sees_only_its_own_value -> SEES_OTHERS_VALUE
expect: test_new_thread_sees_nothing_before_it_sets -> NEW_THREAD_SAW_VALUE
expect: test_calling_thread_keeps_its_own_value -> CALLER_LOST_VALUE
expect: test_thread_started_after_another_finished_sees_nothing -> LATER_THREAD_SAW_VALUE
expect: test_main_returns_each_threads_before_and_after -> MAIN_THREAD_ENTRY
"""

from __future__ import annotations

import threading
import types


def make_store():
    return types.SimpleNamespace()


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
