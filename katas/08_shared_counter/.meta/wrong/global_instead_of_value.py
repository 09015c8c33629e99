"""Wrong: add counts in a plain global of the module, which each process has a copy of.

expect: test_add_makes_times_increments_of_the_counter -> COUNTER_UNTOUCHED
"""

from __future__ import annotations

import multiprocessing


total = 0


def add(counter, lock, times: int) -> None:
    global total
    for _ in range(times):
        with lock:
            total += 1


def main(n_processes: int = 4, times: int = 1000, context=None) -> int:
    context = context or multiprocessing.get_context()
    lock = context.Lock()
    processes = [
        context.Process(target=add, args=(None, lock, times)) for _ in range(n_processes)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return total
