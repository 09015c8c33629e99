"""Wrong: each process is joined right after it starts, so they run one after another.

expect: test_main_starts_every_process_before_joining_any -> JOINED_TOO_EARLY
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
    for _ in range(n_processes):
        process = context.Process(target=add, args=(counter, lock, times))
        process.start()
        process.join()
    return counter.value
