"""Wrong: main starts each thread with `target=lambda: run(i + 1)`, which reads the loop's `i`
when the thread runs, not when it was made: the threads run once the loop is over, and every
one sets the last index. (Written from the lesson alone, as a held-out wrong solution; its
failure said only which entry was wrong.)

expect: test_main_returns_each_threads_before_and_after[five] -> MAIN_LAST_INDEX_EVERYWHERE
expect: test_main_returns_each_threads_before_and_after[eight] -> MAIN_LAST_INDEX_EVERYWHERE
"""

from __future__ import annotations

import threading


def make_store() -> threading.local:
    return threading.local()


def read_index(store) -> int | None:
    return getattr(store, "index", None)


def set_local_data(store, index: int) -> tuple[int | None, int]:
    before = read_index(store)
    store.index = index
    return before, read_index(store)


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    store = make_store()
    results = {threading.current_thread().name: set_local_data(store, 0)}

    def run(index: int) -> None:
        results[threading.current_thread().name] = set_local_data(store, index)

    threads = []
    for i in range(n):
        thread = threading.Thread(target=lambda: run(i + 1), name=f"thread-{i}")
        threads.append(thread)
        thread.start()
    for thread in threads:
        thread.join()
    return results
