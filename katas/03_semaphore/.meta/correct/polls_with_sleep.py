"""Correct: worker polls acquire(blocking=False), sleeping a millisecond between looks, until it
gets a slot."""

from __future__ import annotations

import threading
import time


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
    while not semaphore.acquire(blocking=False):
        time.sleep(0.001)
    try:
        pool.use(name)
        try:
            work()
        finally:
            pool.unuse(name)
    finally:
        semaphore.release()


def main(n_threads=7, limit=5, work=no_work):
    pool = ResourcePool()
    semaphore = threading.Semaphore(limit)
    threads = [threading.Thread(target=worker, args=(semaphore, pool, work), name=f"thread-{i}")
               for i in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return pool
