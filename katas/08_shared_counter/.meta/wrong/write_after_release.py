"""Wrong: the new value is computed inside the lock, but written after it is released.

expect: test_add_reads_and_writes_each_increment_in_one_hold_of_lock -> WRITE_OUTSIDE_LOCK
"""

from __future__ import annotations

import multiprocessing


def add(counter, lock, times: int) -> None:
    for _ in range(times):
        lock.acquire()
        value = counter.value + 1
        lock.release()
        counter.value = value


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
