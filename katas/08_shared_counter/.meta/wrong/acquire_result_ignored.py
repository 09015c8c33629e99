"""Wrong: acquire() with a timeout, and the increment made whether or not it got the lock.

expect: test_add_waits_while_another_process_holds_lock -> TOUCHED_WHILE_HELD
"""

from __future__ import annotations

import multiprocessing


def add(counter, lock, times: int) -> None:
    for _ in range(times):
        lock.acquire(timeout=1)
        counter.value += 1
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
