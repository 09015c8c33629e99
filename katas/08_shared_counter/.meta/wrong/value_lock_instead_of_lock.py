"""Wrong: add holds the Value's own lock around each increment and ignores the lock it is given.

expect: test_add_makes_times_increments_of_the_counter[raw-value] -> NO_GET_LOCK
expect: test_add_reads_and_writes_each_increment_in_one_hold_of_lock[synchronized-value] -> OTHER_LOCK
"""

from __future__ import annotations

import multiprocessing


def add(counter, lock, times: int) -> None:
    for _ in range(times):
        with counter.get_lock():
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
