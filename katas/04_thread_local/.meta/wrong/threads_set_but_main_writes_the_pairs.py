"""Wrong: each thread sets its index with set_local_data(), but nobody keeps what the call
returned: main writes the pairs down, (None, i + 1) and (None, 0), whatever the threads read.

expect: test_main_returns_the_index_each_thread_read_back -> MAIN_WROTE_AFTER
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
    threads = [
        threading.Thread(target=set_local_data, args=(store, i + 1), name=f"thread-{i}")
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results = {f"thread-{i}": (None, i + 1) for i in range(n)}
    results[threading.current_thread().name] = (None, 0)
    return results
