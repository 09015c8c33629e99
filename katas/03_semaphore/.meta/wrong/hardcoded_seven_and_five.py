"""Wrong: main copies the original example's numbers and ignores n_threads and limit.

expect: test_main_never_lets_more_than_limit_inside[three-through-one] -> MAIN_TOO_MANY_INSIDE
expect: test_main_never_lets_more_than_limit_inside[six-through-two] -> MAIN_TOO_MANY_INSIDE
expect: test_main_runs_each_thread_inside_once[four] -> WORK_COUNT
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
    semaphore = threading.Semaphore(5)
    threads = [
        threading.Thread(target=worker, args=(semaphore, pool, work), name=f"thread-{i}")
        for i in range(7)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return pool
