"""Correct by the contract (the README teaches threading.local): each store is a new
contextvars.ContextVar; a new thread starts with an empty context, so it reads the default None."""

from __future__ import annotations

import contextvars
import itertools
import queue
import threading

_count = itertools.count()


def make_store():
    return contextvars.ContextVar(f"index-{next(_count)}", default=None)


def read_index(store) -> int | None:
    return store.get()


def set_local_data(store, index: int) -> tuple[int | None, int]:
    before = store.get()
    store.set(index)
    return before, store.get()


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    store = make_store()
    results = {threading.current_thread().name: set_local_data(store, 0)}
    answers: queue.SimpleQueue = queue.SimpleQueue()
    threads = [
        threading.Thread(
            target=lambda i=i: answers.put((threading.current_thread().name, set_local_data(store, i + 1))),
            name=f"thread-{i}",
        )
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    while not answers.empty():
        name, pair = answers.get()
        results[name] = pair
    return results


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
