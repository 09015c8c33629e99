"""Correct: one RLock, given to the Value as its lock and to the processes: taken twice, it is
re-entrant.
"""

from __future__ import annotations

import multiprocessing


def add(counter, lock, times: int) -> None:
    for _ in range(times):
        with lock:
            counter.value += 1


def main(n_processes: int = 4, times: int = 1000, context=None) -> int:
    context = context or multiprocessing.get_context()
    lock = context.RLock()
    counter = context.Value("i", 0, lock=lock)
    processes = [
        context.Process(target=add, args=(counter, lock, times)) for _ in range(n_processes)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return counter.value
