"""Correct: a dataclass pool, and main runs its threads through a ThreadPoolExecutor of
n_threads workers, each task naming its thread "thread-i"."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field


def no_work() -> None:
    """The default work: return at once."""


@dataclass
class ResourcePool:
    active: list = field(default_factory=list)
    lock: object = field(default_factory=threading.Lock)

    def use(self, name: str) -> None:
        with self.lock:
            self.active.extend([name])

    def unuse(self, name: str) -> None:
        with self.lock:
            self.active[:] = [other for other in self.active if other != name]


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

    def task(i: int) -> None:
        threading.current_thread().name = f"thread-{i}"
        worker(semaphore, pool, work)

    with ThreadPoolExecutor(max_workers=n_threads) as executor:
        futures = [executor.submit(task, i) for i in range(n_threads)]
    for future in futures:
        future.result()
    return pool
