"""Wrong: main joins each process with a timeout and reads the counter whether or not the
process has ended. On a quiet machine the processes end in time; on a busy one the read comes
first, and increments are missing.

expect: test_main_returns_the_value_read_after_joining_every_process -> JOIN_TIMED_OUT
expect: test_main_returns_every_increment_of_every_process -> WRONG_TOTAL
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
    for process in processes:
        process.join(timeout=5)
    return counter.value
