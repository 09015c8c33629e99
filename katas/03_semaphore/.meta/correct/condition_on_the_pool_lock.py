"""Correct: __init__ builds a Condition on the pool's lock, and use/unuse hold the lock through
that Condition (printing the list as the original did)."""

from __future__ import annotations

import threading


def no_work() -> None:
    """The default work: return at once."""


class ResourcePool:
    def __init__(self) -> None:
        self.active: list[str] = []
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)

    def use(self, name: str) -> None:
        with self.changed:
            self.active.append(name)
            print("Running:", self.active)
            self.changed.notify_all()

    def unuse(self, name: str) -> None:
        with self.changed:
            self.active.remove(name)
            print("Running:", self.active)
            self.changed.notify_all()


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
