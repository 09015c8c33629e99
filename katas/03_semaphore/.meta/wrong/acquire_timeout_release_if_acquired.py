"""Wrong: worker keeps what acquire(timeout=...) returns, but only to decide whether to
release: it works whether or not it got a slot.

expect: test_worker_never_lets_more_than_limit_inside -> ACQUIRE_RESULT_IGNORED
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
    got_slot = semaphore.acquire(timeout=2)
    pool.use(name)
    try:
        work()
    finally:
        pool.unuse(name)
        if got_slot:
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
