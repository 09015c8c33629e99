"""Wrong: main joins every process but the last one (processes[:-1]), then reads the counter.

expect: test_main_returns_the_value_read_after_joining_every_process -> NOT_JOINED
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
        context.Process(target=add, args=(counter, lock, times)) for _ in range(n_processes)
    ]
    for process in processes:
        process.start()
    for process in processes[:-1]:
        process.join()
    return counter.value
