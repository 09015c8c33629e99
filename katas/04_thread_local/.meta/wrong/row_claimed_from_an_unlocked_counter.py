"""Wrong: each thread claims a row of a table made beforehand by reading a shared counter and
writing it back plus one, with no lock: two threads can claim the same row.

expect: test_main_is_right_when_threads_switch_between_instructions[eight-coin-1] -> RACED
expect: test_main_is_right_when_threads_switch_between_instructions[eight-coin-2] -> RACED
expect: test_main_is_right_when_threads_switch_between_instructions[eight-in-step] -> RACED
expect: test_main_is_right_when_threads_switch_between_instructions[eight-staggered-1] -> RACED
expect: test_main_is_right_when_threads_switch_between_instructions[three-in-step] -> RACED
expect: test_main_is_right_when_threads_switch_between_instructions[three-staggered-1] -> RACED
"""

from __future__ import annotations

import threading


def make_store():
    """A new store in which each thread keeps its own `index`."""
    return threading.local()


def read_index(store) -> int | None:
    """The index the calling thread has set in `store`, or None if it has set none."""
    try:
        return store.index
    except AttributeError:
        return None


def set_local_data(store, index: int) -> tuple[int | None, int]:
    """Set the calling thread's index in `store`; return (index before, index after)."""
    before = read_index(store)
    store.index = index
    return before, read_index(store)


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    """Set 0 here, then `i + 1` in each thread "thread-i"; return {thread name: (before, after)}."""
    store = make_store()
    caller = set_local_data(store, 0)
    rows: list[tuple[str, tuple[int | None, int]] | None] = [None] * n
    next_slot = 0

    def run(index: int) -> None:
        nonlocal next_slot
        pair = set_local_data(store, index)
        slot = next_slot
        next_slot = slot + 1
        rows[slot] = (threading.current_thread().name, pair)

    threads = [threading.Thread(target=run, name=f"thread-{i}", args=(i + 1,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results = {name: pair for name, pair in filter(None, rows)}
    results[threading.current_thread().name] = caller
    return results


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
