"""Correct: a threading.local subclass whose class attribute `index = None` is the default."""

from __future__ import annotations

import threading


class Store(threading.local):
    """Per-thread `index`; a thread that has not set it reads the class default, None."""

    # An immutable class default is safe: setting `index` makes a per-thread instance attribute.
    index: int | None = None


def make_store():
    """A new store in which each thread keeps its own `index`."""
    return Store()


def read_index(store) -> int | None:
    """The index the calling thread has set in `store`, or None if it has set none."""
    return store.index


def set_local_data(store, index: int) -> tuple[int | None, int]:
    """Set the calling thread's index in `store`; return (index before, index after)."""
    before = store.index
    store.index = index
    return before, store.index


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    """Set 0 here, then `i + 1` in each thread "thread-i"; return {thread name: (before, after)}."""
    store = make_store()
    results = {threading.current_thread().name: set_local_data(store, 0)}

    def run(index: int) -> None:
        results[threading.current_thread().name] = set_local_data(store, index)

    threads = [threading.Thread(target=run, args=(i + 1,), name=f"thread-{i}") for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
