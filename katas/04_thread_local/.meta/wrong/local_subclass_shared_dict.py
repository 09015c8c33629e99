"""Wrong: a threading.local subclass whose values live in a dict class attribute, which every
thread and every store shares.

expect: test_each_thread_sees_only_its_own_value -> LOCAL_HOLDS_A_SHARED_OBJECT
expect: test_new_thread_sees_nothing_before_it_sets -> NEW_THREAD_SAW_VALUE
expect: test_calling_thread_keeps_its_own_value -> CALLER_LOST_VALUE
expect: test_two_stores_are_independent -> STORES_SHARED
"""

from __future__ import annotations

import threading


class Store(threading.local):
    values: dict[str, int] = {}


def make_store():
    return Store()


def read_index(store) -> int | None:
    return store.values.get("index")


def set_local_data(store, index: int) -> tuple[int | None, int]:
    before = read_index(store)
    store.values["index"] = index
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
