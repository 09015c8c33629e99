"""Correct: the pool's lock is an RLock, and unuse calls a helper that takes it again."""

from __future__ import annotations

import threading


def no_work() -> None:
    """The default work: return at once."""


class ResourcePool:
    def __init__(self) -> None:
        self.active: list[str] = []
        self.lock = threading.RLock()

    def position(self, name: str) -> int:
        with self.lock:
            return self.active.index(name)

    def use(self, name: str) -> None:
        with self.lock:
            self.active.insert(0, name)

    def unuse(self, name: str) -> None:
        with self.lock:
            # Re-entering the RLock is fine; the delete below still happens while it is held.
            index = self.position(name)
            del self.active[index]


def worker(semaphore, pool, work=no_work) -> None:
    name = threading.current_thread().name
    with semaphore:
        try:
            pool.use(name)
            work()
        finally:
            pool.unuse(name)


def main(n_threads: int = 7, limit: int = 5, work=no_work) -> ResourcePool:
    pool = ResourcePool()
    semaphore = threading.Semaphore(value=limit)
    threads = []
    for i in range(n_threads):
        thread = threading.Thread(target=worker, args=(semaphore, pool, work), name=f"thread-{i}")
        thread.start()
        threads.append(thread)
    for thread in reversed(threads):
        thread.join()
    return pool
