"""Wrong: worker waits for a slot with acquire(timeout=...) and, when the time runs out, gives
up and returns without doing its work.

expect: test_main_runs_each_thread_inside_once -> RETURNED_WITHOUT_SLOT
"""

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
    if not semaphore.acquire(timeout=5):
        return
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
