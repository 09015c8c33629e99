"""Wrong: main makes a new lock for each process, so no two processes ever wait for each other.

expect: test_main_shares_one_value_and_one_lock_among_its_processes -> PER_PROCESS_LOCK
"""

from __future__ import annotations

import multiprocessing


def add(counter, lock, times: int) -> None:
    for _ in range(times):
        with lock:
            counter.value += 1


def main(n_processes: int = 4, times: int = 1000, context=None) -> int:
    context = context or multiprocessing.get_context()
    counter = context.Value("i", 0, lock=False)
    processes = [
        context.Process(target=add, args=(counter, context.Lock(), times))
        for _ in range(n_processes)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return counter.value
