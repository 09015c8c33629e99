"""Wrong: the threads call set_local_data(), but nothing they get back is collected:
set_local_data also writes each index it is handed in a module-level table, under the thread's
name, and main builds its result from that table, every before written down as None.

expect: test_main_returns_the_index_each_thread_read_back -> MAIN_WROTE_AFTER
"""

from __future__ import annotations

import threading

_HANDED: dict[str, int] = {}


def make_store():
    return threading.local()


def read_index(store):
    try:
        return store.index
    except AttributeError:
        return None


def set_local_data(store, index):
    before = read_index(store)
    store.index = index
    _HANDED[threading.current_thread().name] = index
    return before, read_index(store)


def main(n=5):
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
    result = {thread.name: (None, _HANDED[thread.name]) for thread in threads}
    result[threading.current_thread().name] = (None, read_index(store))
    return result
