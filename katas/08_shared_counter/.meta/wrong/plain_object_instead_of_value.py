"""Wrong: main shares a plain object of the module instead of a Value: each child increments a copy.

expect: test_main_shares_one_value_and_one_lock_among_its_processes -> NO_SHARED_VALUE
"""

from __future__ import annotations

import multiprocessing


def add(counter, lock, times: int) -> None:
    for _ in range(times):
        with lock:
            counter.value += 1


class Counter:
    value = 0


COUNTER = Counter()


def main(n_processes: int = 4, times: int = 1000, context=None) -> int:
    context = context or multiprocessing.get_context()
    lock = context.Lock()
    processes = [
        context.Process(target=add, args=(COUNTER, lock, times)) for _ in range(n_processes)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return COUNTER.value
