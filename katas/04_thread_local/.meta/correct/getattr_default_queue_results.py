"""Correct: getattr with a default, and main collects the results through a queue before joining."""

from __future__ import annotations

import queue
import threading


def make_store():
    """A new store in which each thread keeps its own `index`."""
    return threading.local()


def read_index(store) -> int | None:
    """The index the calling thread has set in `store`, or None if it has set none."""
    return getattr(store, "index", None)


def set_local_data(store, index: int) -> tuple[int | None, int]:
    """Set the calling thread's index in `store`; return (index before, index after)."""
    before = read_index(store)
    store.index = index
    return before, read_index(store)


def report(store, index: int, results: queue.Queue) -> None:
    """Set `index` in this thread and put (this thread's name, (before, after)) on `results`."""
    results.put((threading.current_thread().name, set_local_data(store, index)))


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    """Set 0 here, then `i + 1` in each thread "thread-i"; return {thread name: (before, after)}."""
    store = make_store()
    caller = {threading.current_thread().name: set_local_data(store, 0)}
    results: queue.Queue = queue.Queue()
    threads = [
        threading.Thread(target=report, args=(store, i + 1, results), name=f"thread-{i}")
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    collected = dict(results.get() for _ in threads)
    for thread in threads:
        thread.join()
    return {**caller, **collected}


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
