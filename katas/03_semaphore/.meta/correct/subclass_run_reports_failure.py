"""Correct: worker reports a failing work() on stderr instead of re-raising (the contract is
silent on that); the name leaves and the slot is released all the same. Thread subclass, name
set after init."""

from __future__ import annotations

import sys
import threading


def no_work() -> None:
    """The default work: return at once."""


class ResourcePool:
    def __init__(self) -> None:
        self.active: list[str] = []
        self.lock = threading.Lock()

    def use(self, name: str) -> None:
        with self.lock:
            self.active.insert(len(self.active), name)

    def unuse(self, name: str) -> None:
        with self.lock:
            for position, other in enumerate(self.active):
                if other == name:
                    del self.active[position]
                    break


def worker(semaphore, pool, work=no_work) -> None:
    name = threading.current_thread().name
    semaphore.acquire()
    pool.use(name)
    try:
        work()
    except Exception as exc:  # noqa: BLE001
        print(f"{name}: work failed: {exc!r}", file=sys.stderr)
    finally:
        pool.unuse(name)
        semaphore.release()


class Visitor(threading.Thread):
    def __init__(self, semaphore, pool, work) -> None:
        super().__init__()
        self.args_ = (semaphore, pool, work)

    def run(self) -> None:
        worker(*self.args_)


def main(n_threads: int = 7, limit: int = 5, work=no_work) -> ResourcePool:
    pool = ResourcePool()
    semaphore = threading.Semaphore(limit)
    visitors = []
    for i in range(n_threads):
        visitor = Visitor(semaphore, pool, work)
        visitor.name = f"thread-{i}"
        visitor.start()
        visitors.append(visitor)
    for visitor in visitors:
        visitor.join()
    return pool
