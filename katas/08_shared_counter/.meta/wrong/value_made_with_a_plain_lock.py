"""Wrong: the Value is made with lock=context.Lock(), and add holds that same lock around
counter.value += 1: .value takes the Value's own lock again, and a Lock is not re-entrant.

expect: test_main_shares_one_value_and_one_lock_among_its_processes -> PLAIN_LOCK_OF_VALUE
"""

from __future__ import annotations

import multiprocessing


def add(counter, lock, times: int) -> None:
    for _ in range(times):
        with lock:
            counter.value += 1


def main(n_processes: int = 4, times: int = 1000, context=None) -> int:
    context = context or multiprocessing.get_context()
    lock = context.Lock()
    counter = context.Value("i", 0, lock=lock)
    processes = [
        context.Process(target=add, args=(counter, lock, times)) for _ in range(n_processes)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return counter.value
