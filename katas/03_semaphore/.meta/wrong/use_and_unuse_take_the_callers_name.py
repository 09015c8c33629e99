"""Wrong: use and unuse put in and take out the calling thread's name, not the name they are
given. worker passes its own name, so the pool looks right; called with any other name, from
any other thread, they change the wrong entry.

expect: test_use_and_unuse_add_and_remove_the_name_they_are_given -> NAME_ARGUMENT_IGNORED
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
            self.active.append(threading.current_thread().name)

    def unuse(self, name: str) -> None:
        with self.lock:
            self.active.remove(threading.current_thread().name)


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
