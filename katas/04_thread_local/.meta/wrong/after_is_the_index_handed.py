"""Wrong: set_local_data returns the index it was handed as `after`, without reading the store
again: with a store that does not keep each thread's own value, it would still say each
thread reads its own index back.

expect: test_set_local_data_reads_the_index_back_once_it_has_set_it -> AFTER_NOT_READ_BACK
"""

from __future__ import annotations

import threading


def make_store():
    """A new store in which each thread keeps its own `index`."""
    # One threading.local per call: its attributes are per thread, and per store.
    return threading.local()


def read_index(store) -> int | None:
    """The index the calling thread has set in `store`, or None if it has set none."""
    try:
        return store.index
    except AttributeError:
        # This thread has not set `index` in this store: a threading.local starts empty in
        # every thread, whatever the other threads have set.
        return None


def set_local_data(store, index: int) -> tuple[int | None, int]:
    """Set the calling thread's index in `store`; return (index before, index after)."""
    before = read_index(store)
    store.index = index
    return before, index


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    """Set 0 here, then `i + 1` in each thread "thread-i"; return {thread name: (before, after)}."""
    store = make_store()
    before, _ = set_local_data(store, 0)
    results = {}

    def run(index: int) -> None:
        # Each thread writes its own key, so the threads never write the same entry.
        results[threading.current_thread().name] = set_local_data(store, index)

    threads = [
        threading.Thread(target=run, args=(i + 1,), name=f"thread-{i}") for i in range(n)
    ]
    for thread in threads:
        thread.start()
    # Join before reading `results`: a thread that has not finished has not reported yet.
    for thread in threads:
        thread.join()
    # Read again once every thread has set its own: the calling thread still sees its 0.
    results[threading.current_thread().name] = (before, read_index(store))
    return results
