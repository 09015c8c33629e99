"""Wrong: main calls add itself, n_processes times, in its own process.

expect: test_main_starts_n_processes_through_the_context -> RAN_IN_PARENT
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
        add(counter, lock, times)
    return counter.value
