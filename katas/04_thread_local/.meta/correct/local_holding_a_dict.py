"""Correct: each store is a threading.local holding a per-thread dict; main runs its threads one
after another (each joined before the next starts, so they often share one get_ident())."""

from __future__ import annotations

import threading


def make_store():
    """A new store in which each thread keeps its own `index`."""
    return threading.local()


def values(store) -> dict[str, int]:
    """The calling thread's dict in `store`, made empty on first use in each thread."""
    if not hasattr(store, "values"):
        store.values = {}
    return store.values


def read_index(store) -> int | None:
    """The index the calling thread has set in `store`, or None if it has set none."""
    return values(store).get("index")


def set_local_data(store, index: int) -> tuple[int | None, int]:
    """Set the calling thread's index in `store`; return (index before, index after)."""
    before = read_index(store)
    values(store)["index"] = index
    return before, read_index(store)


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    """Set 0 here, then `i + 1` in each thread "thread-i"; return {thread name: (before, after)}."""
    store = make_store()
    results = {threading.current_thread().name: set_local_data(store, 0)}

    def run(index: int) -> None:
        results[threading.current_thread().name] = set_local_data(store, index)

    for i in range(n):
        thread = threading.Thread(target=run, args=(i + 1,), name=f"thread-{i}")
        thread.start()
        thread.join()
    return results


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
