"""Wrong: only pool.use() is inside `with semaphore:`; the slot is given back right after it, so
work() and unuse() run without it (main is right).

expect: test_worker_never_lets_more_than_limit_inside -> TOO_MANY_INSIDE
expect: test_worker_works_only_while_holding_a_slot -> WORK_WITHOUT_SLOT
expect: test_worker_uses_and_unuses_while_holding_its_slot -> WORK_WITHOUT_SLOT
expect: test_main_never_lets_more_than_limit_inside -> TOO_MANY_INSIDE
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
