"""Correct: a BoundedSemaphore, explicit acquire()/try/finally/release() everywhere, and names
imported from threading."""

from __future__ import annotations

from threading import BoundedSemaphore, Lock, Thread, current_thread


def no_work() -> None:
    """The default work: return at once."""


class ResourcePool:
    def __init__(self) -> None:
        self.active: list[str] = []
        self.lock = Lock()

    def use(self, name: str) -> None:
        self.lock.acquire()
        try:
            self.active.append(name)
        finally:
            self.lock.release()

    def unuse(self, name: str) -> None:
        self.lock.acquire()
        try:
            self.active.remove(name)
        finally:
            self.lock.release()


def worker(semaphore, pool, work=no_work) -> None:
    name = current_thread().name
    semaphore.acquire()
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
    semaphore = BoundedSemaphore(limit)
    threads = [
        Thread(target=worker, kwargs={"semaphore": semaphore, "pool": pool, "work": work})
        for _ in range(n_threads)
    ]
    for i, thread in enumerate(threads):
        thread.name = f"thread-{i}"
        thread.start()
    for thread in threads:
        thread.join()
    return pool
