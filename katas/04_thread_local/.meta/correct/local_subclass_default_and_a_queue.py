"""Correct: a threading.local subclass whose class attribute index = None is what a thread sees
until it sets its own; the threads' results come back through a queue.Queue."""

from __future__ import annotations

import queue
import threading


class _Store(threading.local):
    """Per-thread store. The class attribute is an immutable default: a thread that has not set
    `index` reads it, and assigning `index` only ever creates the calling thread's own value."""

    index: int | None = None


def make_store():
    """A new store in which each thread keeps its own `index`."""
    return _Store()


def read_index(store) -> int | None:
    """The index the calling thread has set in `store`, or None if it has set none."""
    return getattr(store, "index", None)


def set_local_data(store, index: int) -> tuple[int | None, int]:
    """Set the calling thread's index in `store`; return (index before, index after)."""
    before = read_index(store)
    store.index = index
    return before, read_index(store)


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    """Set 0 here, then `i + 1` in each thread "thread-i"; return {thread name: (before, after)}."""
    store = make_store()
    mine = set_local_data(store, 0)
    done: queue.Queue[tuple[str, tuple[int | None, int]]] = queue.Queue()

    def run(index: int) -> None:
        done.put((threading.current_thread().name, set_local_data(store, index)))

    threads = [threading.Thread(target=run, name=f"thread-{i}", args=(i + 1,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results = dict(done.get_nowait() for _ in range(done.qsize()))
    results[threading.current_thread().name] = mine
    return results


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
