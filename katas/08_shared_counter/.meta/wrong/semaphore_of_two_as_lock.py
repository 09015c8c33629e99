"""Wrong: the "lock" is context.Semaphore(2), which lets two processes in at once.

expect: test_main_starts_n_processes_through_the_context -> SEMAPHORE_AS_LOCK
expect: test_main_shares_one_value_and_one_lock_among_its_processes -> SEMAPHORE_AS_LOCK
"""

from __future__ import annotations

import multiprocessing


def add(counter, lock, times: int) -> None:
    for _ in range(times):
        with lock:
            counter.value += 1


def main(n_processes: int = 4, times: int = 1000, context=None) -> int:
    context = context or multiprocessing.get_context()
    counter = context.Value("i", 0)
    lock = context.Semaphore(2)
    processes = [
        context.Process(target=add, args=(counter, lock, times)) for _ in range(n_processes)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return counter.value
