"""Correct: main runs a Thread subclass, and the semaphore's `with` and the pool's lock are
entered in one statement."""

from __future__ import annotations

import contextlib
import threading


def no_work() -> None:
    """The default work: return at once."""


class ResourcePool:
    def __init__(self) -> None:
        self.active: list[str] = []
        self.lock = threading.Lock()

    def use(self, name: str) -> None:
        with self.lock:
            self.active += [name]

    def unuse(self, name: str) -> None:
        with self.lock:
            self.active.remove(name)


def worker(semaphore, pool, work=no_work) -> None:
    name = threading.current_thread().name
    with semaphore, contextlib.ExitStack() as leaving:
        pool.use(name)
        leaving.callback(pool.unuse, name)
        work()


class PoolThread(threading.Thread):
    def __init__(self, index: int, semaphore, pool: ResourcePool, work) -> None:
        super().__init__(name=f"thread-{index}")
        self.semaphore, self.pool, self.work = semaphore, pool, work

    def run(self) -> None:
        worker(self.semaphore, self.pool, self.work)


def main(n_threads: int = 7, limit: int = 5, work=no_work) -> ResourcePool:
    pool = ResourcePool()
    semaphore = threading.Semaphore(limit)
    threads = [PoolThread(i, semaphore, pool, work) for i in range(n_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return pool
