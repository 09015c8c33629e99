"""Correct: worker first tries acquire(timeout=...), and when that fails, says so and waits
for a slot with a plain acquire()."""

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
    if not semaphore.acquire(timeout=0.1):
        print(f"{name}: the pool is full, waiting for a slot")
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
