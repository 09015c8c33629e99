"""Wrong: worker takes its slot with acquire(timeout=...) "so that it can never hang", and
ignores what acquire() returns: when the pool stays full longer than the timeout, the thread goes
in without a slot (and its release() then adds a slot that was never taken).

expect: test_worker_never_lets_more_than_limit_inside -> ACQUIRE_RESULT_IGNORED
expect: test_worker_works_only_while_holding_a_slot -> ACQUIRE_RESULT_IGNORED
expect: test_main_never_lets_more_than_limit_inside -> ACQUIRE_RESULT_IGNORED
"""

from __future__ import annotations

import threading


def no_work() -> None:
    """The default work: return at once."""


class ResourcePool:
    def __init__(self) -> None:
        self.active: list[str] = []
        self.lock = threading.Lock()

    def use(self, name: str) -> None:
        with self.lock:
            self.active.append(name)

    def unuse(self, name: str) -> None:
        with self.lock:
            self.active.remove(name)


def worker(semaphore, pool, work=no_work) -> None:
    name = threading.current_thread().name
    semaphore.acquire(timeout=5)
    try:
        pool.use(name)
        try:
            work()
        finally:
            pool.unuse(name)
    finally:
        semaphore.release()


def main(n_threads: int = 7, limit: int = 5, work=no_work) -> ResourcePool:
    pool = ResourcePool()
    semaphore = threading.Semaphore(limit)
    threads = [
        threading.Thread(target=worker, args=(semaphore, pool, work), name=f"thread-{i}")
        for i in range(n_threads)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return pool
