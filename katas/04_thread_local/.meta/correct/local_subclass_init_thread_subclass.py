"""Correct: a threading.local subclass whose __init__ runs again in each thread; main uses a
Thread subclass, and checks that the calling thread's index is still 0 once they are done."""

from __future__ import annotations

import threading


class Store(threading.local):
    """Per-thread `index`: threading.local calls __init__ in each thread that first uses it."""

    def __init__(self) -> None:
        self.index: int | None = None


class Setter(threading.Thread):
    """A thread that sets `index` in `store` and keeps what set_local_data returned."""

    def __init__(self, store: Store, index: int, name: str) -> None:
        super().__init__(name=name)
        self.store = store
        self.index = index
        self.result: tuple[int | None, int] | None = None

    def run(self) -> None:
        self.result = set_local_data(self.store, self.index)


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
    mine = set_local_data(store, 0)
    setters = [Setter(store, i + 1, f"thread-{i}") for i in range(n)]
    for setter in setters:
        setter.start()
    for setter in setters:
        setter.join()
    assert read_index(store) == 0, "another thread's index reached the calling thread"
    results = {setter.name: setter.result for setter in setters}
    results[threading.current_thread().name] = mine
    return results


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
