"""Kata 04: thread-local data.

Give every thread its own value in a shared store, with `threading.local`.

`make_store()` returns a new store. Every call returns a new one, independent of the others.
A value a thread sets in a store is seen by that thread only, and only in that store.

`read_index(store)` returns the index the calling thread has set in `store`, or None if it has
not set one (also in a thread that starts after another has finished).

`set_local_data(store, index)` reads the calling thread's index (`before`), sets it to `index`,
reads it again (`after`) and returns `(before, after)`.

`main(n)` makes one store and sets index 0 in it from the calling thread. Then it starts `n`
threads named "thread-0" ... "thread-{n-1}"; "thread-i" sets `i + 1`. It joins every thread and
returns `{thread name: (before, after)}`: one entry per thread, the pair its own
`set_local_data()` returned, and one for the calling thread (its own name), whose after it reads
back from the store at the end: still 0.

Run the tests with `pytest katas/04_thread_local`; run the demo with
`python katas/04_thread_local/local_data.py`.
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
    # Setting an attribute on a threading.local changes it for the calling thread only.
    store.index = index
    return before, read_index(store)


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


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
