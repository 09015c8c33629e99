"""Wrong: add guards each increment with a threading.Lock it makes: it excludes no other process.

expect: test_add_reads_and_writes_each_increment_in_one_hold_of_lock -> LOCK_MADE_IN_ADD
"""

from __future__ import annotations

import multiprocessing
import threading


def add(counter, lock, times: int) -> None:
    guard = threading.Lock()
    for _ in range(times):
        with guard:
            counter.value += 1


def main(n_processes: int = 4, times: int = 1000, context=None) -> int:
    context = context or multiprocessing.get_context()
    counter = context.Value("i", 0)
    lock = context.Lock()
    processes = [
        context.Process(target=add, args=(counter, lock, times)) for _ in range(n_processes)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return counter.value
