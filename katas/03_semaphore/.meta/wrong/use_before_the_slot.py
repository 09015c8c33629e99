"""Wrong: the name enters the pool before the thread has a slot, so waiting threads are listed too.

expect: test_worker_uses_and_unuses_while_holding_its_slot -> USE_WITHOUT_SLOT
expect: test_worker_keeps_its_name_in_the_pool_while_working -> NAMES_NOT_IN_POOL
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
    pool.use(name)
    try:
        with semaphore:
            work()
    finally:
        pool.unuse(name)


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
