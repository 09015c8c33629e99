"""Correct: a contextmanager helper for the visit, an RLock taken with acquire()/release() in
finally, unuse by pop(index(name)), threads built from functools.partial and started/joined by
popping a list; the pool prints like the original."""

from __future__ import annotations

import contextlib
import functools
import threading


def no_work() -> None:
    """The default work: return at once."""


class ResourcePool:
    def __init__(self) -> None:
        self.active: list[str] = []
        self.lock = threading.RLock()

    def use(self, name: str) -> None:
        self.lock.acquire()
        try:
            self.active.append(name)
            print("Running: %s" % self.active)
        finally:
            self.lock.release()

    def unuse(self, name: str) -> None:
        self.lock.acquire()
        try:
            self.active.pop(self.active.index(name))
            print("Running: %s" % self.active)
        finally:
            self.lock.release()


@contextlib.contextmanager
def visit(semaphore, pool: ResourcePool, name: str):
    semaphore.acquire(timeout=None)
    try:
        pool.use(name)
        try:
            yield
        finally:
            pool.unuse(name)
    finally:
        semaphore.release()


def worker(semaphore, pool, work=no_work) -> None:
    with visit(semaphore, pool, threading.current_thread().getName()):
        work()


def main(n_threads: int = 7, limit: int = 5, work=no_work) -> ResourcePool:
    pool = ResourcePool()
    semaphore = threading.BoundedSemaphore(limit)
    pending = []
    for i in range(n_threads):
        thread = threading.Thread(target=functools.partial(worker, semaphore, pool, work), daemon=True)
        thread.name = "thread-%d" % i
        pending.append(thread)
    for thread in pending:
        thread.start()
    while pending:
        pending.pop().join()
    return pool
