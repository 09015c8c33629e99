"""Wrong: main makes a new store inside each thread, instead of one store for all of them. Each
thread reads None and then its own index, as the contract says, but nothing is shared: the
store proves nothing about threading.local.

expect: test_main_sets_every_index_in_one_store -> MAIN_STORES
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
        results[threading.current_thread().name] = set_local_data(make_store(), index)

    threads = [threading.Thread(target=run, args=(i + 1,), name=f"thread-{i}") for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
