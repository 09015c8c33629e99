"""Wrong: each thread appends its name and its (before, after) to two parallel lists in two holds of
the lock, so another thread can come in between and the lists pair up wrongly.

expect: test_main_is_right_when_threads_switch_between_instructions[eight-coin-1] -> RACED_SHUFFLED
expect: test_main_is_right_when_threads_switch_between_instructions[eight-coin-2] -> RACED_SHUFFLED
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
    names: list[str] = []
    pairs: list[tuple[int | None, int]] = []
    lock = threading.Lock()

    def run(index: int) -> None:
        pair = set_local_data(store, index)
        with lock:
            names.append(threading.current_thread().name)
        with lock:
            pairs.append(pair)

    threads = [threading.Thread(target=run, name=f"thread-{i}", args=(i + 1,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results = dict(zip(names, pairs))
    results[threading.current_thread().name] = caller
    return results


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
