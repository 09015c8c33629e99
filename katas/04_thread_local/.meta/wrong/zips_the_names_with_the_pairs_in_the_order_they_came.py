"""Wrong: each thread appends its (before, after) to a list, and main zips the names of the
threads, in the order it started them, with that list, in the order the pairs came. One thread
at a time, the threads finish in the order they started and every pair lands under its own
name; when the threads switch between instructions, they finish in another order and the pairs
land under each other's names.

expect: test_main_is_right_when_threads_switch_between_instructions[three-coin-1] -> RACED_SHUFFLED
expect: test_main_is_right_when_threads_switch_between_instructions[three-coin-2] -> RACED_SHUFFLED
expect: test_main_is_right_when_threads_switch_between_instructions[eight-coin-1] -> RACED_SHUFFLED
expect: test_main_is_right_when_threads_switch_between_instructions[eight-coin-2] -> RACED_SHUFFLED
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
    finished = []

    def run(index: int) -> None:
        finished.append(set_local_data(store, index))

    threads = [
        threading.Thread(target=run, args=(i + 1,), name=f"thread-{i}") for i in range(n)
    ]
    for thread in threads:
        thread.start()
    # Join before reading `results`: a thread that has not finished has not reported yet.
    for thread in threads:
        thread.join()
    # Read again once every thread has set its own: the calling thread still sees its 0.
    results = dict(zip((thread.name for thread in threads), finished))
    results[threading.current_thread().name] = (before, read_index(store))
    return results


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
