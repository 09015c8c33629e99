"""Wrong: main joins every thread of threading.enumerate() but its own, threads it did not start
among them: in the judge the one running the test, which ends only after main does.

expect: test_main_never_lets_more_than_limit_inside -> judge.JOINS_THE_TEST
expect: test_main_joins_every_thread_before_returning -> MAIN_DID_NOT_RETURN
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
        threading.Thread(target=worker, args=(semaphore, pool, work), name=f"thread-{i}")
        for i in range(n_threads)
    ]
    for thread in threads:
        thread.start()
    for thread in threading.enumerate():
        if thread is not threading.current_thread():
            thread.join()
    return pool
