"""Wrong: main makes a Value for each process, and returns the last one's.

expect: test_main_shares_one_value_and_one_lock_among_its_processes -> MANY_VALUES
"""

from __future__ import annotations

import multiprocessing


def add(counter, lock, times: int) -> None:
    for _ in range(times):
        with lock:
            counter.value += 1


def main(n_processes: int = 4, times: int = 1000, context=None) -> int:
    context = context or multiprocessing.get_context()
    lock = context.Lock()
    processes = []
    for _ in range(n_processes):
        counter = context.Value("i", 0)
        processes.append(context.Process(target=add, args=(counter, lock, times)))
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return counter.value
