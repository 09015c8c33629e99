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
    # TODO: return a new threading.local() (a new one on each call).
    raise NotImplementedError


def read_index(store) -> int | None:
    """The index the calling thread has set in `store`, or None if it has set none."""
    # TODO: return store.index; a thread that has not set it gets an AttributeError: return
    # None then.
    raise NotImplementedError


def set_local_data(store, index: int) -> tuple[int | None, int]:
    """Set the calling thread's index in `store`; return (index before, index after)."""
    # TODO: read the index with read_index, set store.index, read it again, return both.
    raise NotImplementedError


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    """Set 0 here, then `i + 1` in each thread "thread-i"; return {thread name: (before, after)}."""
    # TODO: make a store with make_store() and set 0 in it with set_local_data(). Start n
    # threading.Thread objects named f"thread-{i}" that each call set_local_data(store, i + 1) and
    # put what it returns in a dict under threading.current_thread().name. Join them all, then add
    # the calling thread's entry.
    raise NotImplementedError


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
