"""Correct: a timed acquire(), tried again until it gets the lock, then released in finally.
"""

from __future__ import annotations

import multiprocessing


def add(counter, lock, times: int) -> None:
    done = 0
    while done < times:
        if not lock.acquire(timeout=0.5):
            continue
        try:
            counter.value += 1
            done += 1
        finally:
            lock.release()


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
