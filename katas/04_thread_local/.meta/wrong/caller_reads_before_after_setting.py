"""Wrong: main sets 0 in the calling thread first and reads its `before` afterwards, so the
calling thread's entry is (0, 0), not (None, 0). (Written from the lesson alone, as a held-out
wrong solution; the tests accepted (0, 0) then.)

expect: test_main_returns_each_threads_before_and_after -> MAIN_CALLER_BEFORE_LATE
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
    results: dict[str, tuple[int | None, int]] = {}
    store.index = 0
    mine = (read_index(store), 0)

    def run(index: int) -> None:
        results[threading.current_thread().name] = set_local_data(store, index)

    threads = [threading.Thread(target=run, args=(i + 1,), name=f"thread-{i}") for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results[threading.current_thread().name] = (mine[0], read_index(store))
    return results
