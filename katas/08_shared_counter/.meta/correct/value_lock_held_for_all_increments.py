"""Correct: the Value's own RLock as the shared lock, one hold for all increments, wait on sentinels.

`main` hands every process `counter.get_lock()` (one lock, made with the Value by the same
context, before any process starts) instead of a separate `context.Lock()`. `add` takes `lock`
once with an explicit acquire/try/finally release and makes all `times` increments inside that
single hold. `main` starts each process as it creates it (all started before any is waited for),
then waits on the processes' sentinels with `multiprocessing.connection.wait` until every one has
ended, joining each as it is reported, and only then reads the counter.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import wait


def add(counter, lock, times: int) -> None:
    """Add one to counter.value, `times` times, each increment inside one hold of `lock`."""
    lock.acquire()
    try:
        for _ in range(times):
            counter.value += 1
    finally:
        lock.release()


def main(n_processes: int = 4, times: int = 1000, context=None) -> int:
    """Run `add` in `n_processes` child processes on one shared counter; return its value."""
    ctx = context if context is not None else multiprocessing.get_context()
    counter = ctx.Value("i", 0)
    lock = counter.get_lock()
    workers = []
    while len(workers) < n_processes:
        worker = ctx.Process(target=add, args=(counter, lock, times))
        worker.start()
        workers.append(worker)
    pending = {worker.sentinel: worker for worker in workers}
    while pending:
        for sentinel in wait(list(pending)):
            pending.pop(sentinel).join()
    return counter.value


if __name__ == "__main__":
    n_processes, times = 4, 10_000
    total = main(n_processes, times)
    expected = n_processes * times
    print(f"{n_processes} processes x {times} increments: the counter says {total}")
    # Each lost increment is a read and its write that were not inside one hold of the lock.
    print(f"increments lost: {expected - total} (0 when every increment counted)")
