"""Correct: main waits, with wait_for(timeout) in a loop on a Condition(RLock()), until every
thread has reported its end, then joins them all."""

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
    with semaphore:
        pool.use(name)
        try:
            work()
        finally:
            pool.unuse(name)


def main(n_threads=7, limit=5, work=no_work):
    pool = ResourcePool()
    semaphore = threading.Semaphore(limit)
    cond = threading.Condition(threading.RLock())
    finished = []

    def run():
        try:
            worker(semaphore, pool, work)
        finally:
            with cond:
                finished.append(threading.current_thread().name)
                cond.notify_all()

    threads = [threading.Thread(target=run, name=f"thread-{i}") for i in range(n_threads)]
    for t in threads:
        t.start()
    with cond:
        while not cond.wait_for(lambda: len(finished) == n_threads, timeout=0.01):
            pass
    for t in threads:
        t.join()
    return pool
