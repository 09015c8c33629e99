"""Wrong: `counter.value += 1` without the lock, trusting the Value's own lock to make it atomic.

expect: test_add_reads_and_writes_each_increment_in_one_hold_of_lock[raw-value] -> NO_LOCK_HELD
expect: test_add_reads_and_writes_each_increment_in_one_hold_of_lock[synchronized-value] -> VALUE_LOCK_ONLY
expect: test_add_reads_and_writes_each_increment_in_one_hold_of_lock[value-and-its-own-lock] -> VALUE_LOCK_ONLY
"""

from __future__ import annotations

import multiprocessing


def add(counter, lock, times: int) -> None:
    for _ in range(times):
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
