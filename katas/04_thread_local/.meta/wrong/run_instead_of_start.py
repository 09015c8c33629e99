"""Wrong: main calls run() instead of start(): every "thread" runs in the calling thread and
sees the value the previous one set.

expect: test_main_returns_each_threads_before_and_after -> MAIN_THREAD_ENTRY
expect: test_main_starts_a_thread_for_each_index -> MAIN_STARTED_TOO_FEW
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
        results[f"thread-{index - 1}"] = set_local_data(store, index)

    threads = [
        threading.Thread(target=run, args=(i + 1,), name=f"thread-{i}") for i in range(n)
    ]
    for thread in threads:
        thread.run()
    # Read again once every thread has set its own: the calling thread still sees its 0.
    results[threading.current_thread().name] = (before, read_index(store))
    return results


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
