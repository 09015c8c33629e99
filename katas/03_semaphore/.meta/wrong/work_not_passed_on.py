"""Wrong: main does not pass `work` on to worker, which then does the default no work.

expect: test_main_fills_every_slot -> WORK_COUNT
expect: test_main_runs_each_thread_inside_once -> WORK_COUNT
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
        threading.Thread(target=worker, args=(semaphore, pool), name=f"thread-{i}")
        for i in range(n_threads)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return pool
