"""Correct, written another way: each increment reads the counter in one hold of the lock, then,
in a second hold, writes the read plus one only if the counter still holds what it read, and
tries again if not. No increment made between the two holds is lost.
"""

from __future__ import annotations

import multiprocessing


def add(counter, lock, times: int) -> None:
    """Add one to counter.value, `times` times, each increment inside one hold of `lock`."""
    for _ in range(times):
        while True:
            with lock:
                seen = counter.value
            with lock:
                if counter.value == seen:
                    counter.value = seen + 1
                    break


def main(n_processes: int = 4, times: int = 1000, context=None) -> int:
    """Run `add` in `n_processes` child processes on one shared counter; return its value."""
    context = context or multiprocessing.get_context()
    # Shared memory and a lock made for processes, both by the context that starts them: a
    # plain int would be copied into each child, and a threading.Lock excludes threads only.
    counter = context.Value("i", 0)
    lock = context.Lock()
    # One lock for all: every process is handed the same one, made before any starts.
    processes = [
        context.Process(target=add, args=(counter, lock, times)) for _ in range(n_processes)
    ]
    # Start them all before joining any, so that they increment at the same time.
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    # Joined: no process is incrementing any more, so this is the final count.
    return counter.value


if __name__ == "__main__":
    n_processes, times = 4, 10_000
    total = main(n_processes, times)
    expected = n_processes * times
    print(f"{n_processes} processes x {times} increments: the counter says {total}")
    # Each lost increment is a read and its write that were not inside one hold of the lock.
    print(f"increments lost: {expected - total} (0 when every increment counted)")
