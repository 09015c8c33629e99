"""Wrong: the threads report what set_local_data() returned, but the calling thread's entry is
written down as (None, 0) instead of read back from the store: it would say 0 even if a thread
had overwritten the calling thread's index.

expect: test_main_returns_the_index_each_thread_read_back -> MAIN_WROTE_CALLERS_AFTER
"""

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


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    store = make_store()
    set_local_data(store, 0)
    results: dict[str, tuple[int | None, int]] = {}

    def run(index: int) -> None:
        results[threading.current_thread().name] = set_local_data(store, index)

    threads = [threading.Thread(target=run, args=(i + 1,), name=f"thread-{i}") for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results[threading.current_thread().name] = (None, 0)
    return results
