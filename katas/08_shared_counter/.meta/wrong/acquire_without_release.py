"""Wrong: add takes the lock for each increment and never releases it: a Lock is not re-entrant.

expect: test_add_makes_times_increments_of_the_counter[raw-value] -> SELF_DEADLOCK
expect: test_add_makes_times_increments_of_the_counter[synchronized-value] -> SELF_DEADLOCK
expect: test_add_leaves_every_lock_free[value-and-its-own-lock] -> LOCK_STILL_HELD
expect: test_main_shares_one_value_and_one_lock_among_its_processes -> ENDED_HOLDING
"""

from __future__ import annotations

import multiprocessing


def add(counter, lock, times: int) -> None:
    for _ in range(times):
        lock.acquire()
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
