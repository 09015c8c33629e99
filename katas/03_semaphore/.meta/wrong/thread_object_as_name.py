"""Wrong: worker puts the Thread object in the pool instead of its name.

expect: test_worker_uses_and_unuses_while_holding_its_slot -> NAME_NOT_PASSED
expect: test_worker_keeps_its_name_in_the_pool_while_working -> NAMES_NOT_IN_POOL
expect: test_pool_keeps_the_right_names_when_threads_leave_out_of_order -> NAMES_NOT_IN_POOL
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
    name = threading.current_thread()
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
