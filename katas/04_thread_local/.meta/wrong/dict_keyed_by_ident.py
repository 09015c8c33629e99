"""Wrong: the store is a dict keyed by threading.get_ident(): a thread started after another
has finished gets that one's ident (idents are reused at once) and inherits its value.

expect: test_thread_started_after_another_finished_sees_nothing -> LATER_THREAD_SAW_VALUE
"""

from __future__ import annotations

import threading


def make_store():
    return {}


def read_index(store) -> int | None:
    return store.get(threading.get_ident())


def set_local_data(store, index: int) -> tuple[int | None, int]:
    before = read_index(store)
    store[threading.get_ident()] = index
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
