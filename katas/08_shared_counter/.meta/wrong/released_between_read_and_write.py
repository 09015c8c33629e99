"""Wrong: the read and the write each hold the lock, but it is free in between.

expect: test_add_reads_and_writes_each_increment_in_one_hold_of_lock -> SPLIT_HOLDS
"""

from __future__ import annotations

import multiprocessing


def add(counter, lock, times: int) -> None:
    for _ in range(times):
        with lock:
            value = counter.value
        with lock:
            counter.value = value + 1


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
