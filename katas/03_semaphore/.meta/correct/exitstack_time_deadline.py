"""Correct: worker retries acquire() with a timeout taken from a time.time() deadline, and an
ExitStack gives back the slot and takes out the name."""

from __future__ import annotations

import contextlib
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
    with contextlib.ExitStack() as stack:
        while True:
            deadline = time.time() + 0.02
            remaining = deadline - time.time()
            if semaphore.acquire(timeout=max(remaining, 0)):
                break
        stack.callback(semaphore.release)
        pool.use(name)
        stack.callback(pool.unuse, name)
        work()


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
