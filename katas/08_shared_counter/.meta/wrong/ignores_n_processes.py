"""Wrong: main always starts four processes, whatever n_processes says.

expect: test_main_starts_n_processes_through_the_context -> STARTED_COUNT
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
    lock = context.Lock()
    processes = [
        context.Process(target=add, args=(counter, lock, times)) for _ in range(4)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return counter.value
