"""Wrong: main hands its processes a threading.Lock: a copy in each child under fork, and no way
to send it at all under spawn.

expect: test_main_starts_n_processes_through_the_context -> THREADING_LOCK
expect: test_main_shares_one_value_and_one_lock_among_its_processes -> THREADING_LOCK
"""

from __future__ import annotations

import multiprocessing
import threading


def add(counter, lock, times: int) -> None:
    for _ in range(times):
        with lock:
            counter.value += 1


def main(n_processes: int = 4, times: int = 1000, context=None) -> int:
    context = context or multiprocessing.get_context()
    counter = context.Value("i", 0)
    lock = threading.Lock()
    processes = [
        context.Process(target=add, args=(counter, lock, times)) for _ in range(n_processes)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return counter.value
