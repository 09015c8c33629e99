"""Wrong: the store is a dict keyed by threading.get_native_id() (chosen because get_ident() is
reused), but the OS reuses thread ids too: a new thread can read a finished thread's value,
and the finished threads' values are never freed.

expect: test_thread_started_after_another_finished_sees_nothing -> LATER_THREAD_SAW_VALUE
"""

from __future__ import annotations

import threading


class Store:
    """Per-thread indexes, by the OS id of the thread."""

    def __init__(self) -> None:
        self.indexes: dict[int, int] = {}


def make_store():
    return Store()


def read_index(store) -> int | None:
    return store.indexes.get(threading.get_native_id())


def set_local_data(store, index: int) -> tuple[int | None, int]:
    before = read_index(store)
    store.indexes[threading.get_native_id()] = index
    return before, read_index(store)


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    store = make_store()
    results: dict[str, tuple[int | None, int]] = {}
    caller_before, _ = set_local_data(store, 0)

    def run(i: int) -> None:
        results[threading.current_thread().name] = set_local_data(store, i + 1)

    threads = [threading.Thread(target=run, args=(i,), name=f"thread-{i}") for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results[threading.current_thread().name] = (caller_before, read_index(store))
    return results


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
