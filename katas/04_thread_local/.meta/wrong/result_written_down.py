"""Wrong: main starts and joins its n threads, but they do nothing, and it returns the result the
contract describes, written down: no store holds any of those indexes.

expect: test_main_sets_every_index_in_one_store -> MAIN_NO_STORE
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
    threads = [threading.Thread(target=len, args=((),), name=f"thread-{i}") for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results = {f"thread-{i}": (None, i + 1) for i in range(n)}
    results[threading.current_thread().name] = (None, 0)
    return results
