"""Correct: reads the thread's own attributes with vars(store).get(); results collected with
list.append, names from an itertools.count used in the calling thread."""

from __future__ import annotations

import itertools
import threading


def make_store():
    """A new store in which each thread keeps its own `index`."""
    return threading.local()


def read_index(store) -> int | None:
    """The index the calling thread has set in `store`, or None if it has set none."""
    # A threading.local's __dict__ is the calling thread's own dict (empty until it sets).
    return vars(store).get("index")


def set_local_data(store, index: int) -> tuple[int | None, int]:
    """Set the calling thread's index in `store`; return (index before, index after)."""
    before = read_index(store)
    setattr(store, "index", index)
    return before, read_index(store)


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    """Set 0 here, then `i + 1` in each thread "thread-i"; return {thread name: (before, after)}."""
    store = make_store()
    collected = [(threading.current_thread().name, set_local_data(store, 0))]
    numbers = itertools.count()

    def run(index: int) -> None:
        # One append of one tuple: a single atomic operation on the shared list.
        collected.append((threading.current_thread().name, set_local_data(store, index)))

    threads = []
    for index in itertools.islice(itertools.count(1), n):
        threads.append(
            threading.Thread(target=run, name=f"thread-{next(numbers)}", args=(index,))
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return dict(collected)


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
