"""Wrong: the pool keeps a set of names; the contract makes `active` a list.

expect: test_worker_keeps_its_name_in_the_pool_while_working -> ACTIVE_NOT_A_LIST
expect: test_main_returns_its_pool_empty -> ACTIVE_NOT_A_LIST
"""

from __future__ import annotations

import threading


def no_work() -> None:
    """The default work: return at once."""


class ResourcePool:
    def __init__(self) -> None:
        self.active: set[str] = set()
        self.lock = threading.Lock()

    def use(self, name: str) -> None:
        with self.lock:
            self.active.add(name)

    def unuse(self, name: str) -> None:
        with self.lock:
            self.active.discard(name)


def worker(semaphore, pool, work=no_work) -> None:
    name = threading.current_thread().name
    with semaphore:
        pool.use(name)
        try:
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
