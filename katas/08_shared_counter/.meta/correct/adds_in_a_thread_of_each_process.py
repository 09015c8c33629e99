"""Correct: each process's target hands add to a thread of its own and returns once the thread
holds the lock; the process ends when that thread is done, as every process waits for its
non-daemon threads before it exits.
"""

from __future__ import annotations

import multiprocessing
import threading


def add(counter, lock, times: int) -> None:
    for _ in range(times):
        with lock:
            counter.value += 1


def add_in_a_thread(counter, lock, times: int) -> None:
    holds = threading.Event()

    def first_then_the_rest() -> None:
        with lock:
            holds.set()
            counter.value += 1
        add(counter, lock, times - 1)

    threading.Thread(target=first_then_the_rest).start()
    holds.wait()


def main(n_processes: int = 4, times: int = 1000, context=None) -> int:
    context = context or multiprocessing.get_context()
    counter = context.Value("i", 0)
    lock = context.Lock()
    processes = [
        context.Process(target=add_in_a_thread, args=(counter, lock, times))
        for _ in range(n_processes)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return counter.value
