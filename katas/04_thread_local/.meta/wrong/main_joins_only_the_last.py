"""Wrong: main joins only the last thread it started (the loop variable left after the loop).

expect: test_main_joins_every_thread_it_starts -> NOT_JOINED
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
    results = {threading.current_thread().name: set_local_data(store, 0)}

    def run(index: int) -> None:
        results[threading.current_thread().name] = set_local_data(store, index)

    for i in range(n):
        thread = threading.Thread(target=run, args=(i + 1,), name=f"thread-{i}")
        thread.start()
    thread.join()
    return results
