"""Wrong: each thread i >= limit tries the semaphore once, acquire(blocking=False), which the full
semaphore refuses, then waits on an Event that thread i - limit sets once it is done: the
Events keep at most limit threads inside, and the semaphore never makes anyone wait.

expect: test_main_has_its_other_threads_wait_on_the_full_semaphore -> OTHERS_NOT_WAITING
"""

from __future__ import annotations

import threading
from typing import Callable


def no_work() -> None:
    """The default work: return at once. (The original example slept here.)"""


class ResourcePool:
    """The names of the threads now inside the pool, guarded by a lock. Given: __init__."""

    def __init__(self) -> None:
        self.active: list[str] = []
        self.lock = threading.Lock()

    def use(self, name: str) -> None:
        """Add `name` to `active`, while holding `lock`."""
        # Every change of the shared list happens under the one lock that guards it.
        with self.lock:
            self.active.append(name)

    def unuse(self, name: str) -> None:
        """Remove `name` from `active`, while holding `lock`."""
        # remove(name), not pop(): threads leave in any order, and each takes out its own name.
        with self.lock:
            self.active.remove(name)


def worker(semaphore, pool: ResourcePool, work: Callable[[], object] = no_work) -> None:
    """Hold one slot of `semaphore` while this thread's name is in `pool` and `work()` runs."""
    name = threading.current_thread().name
    # The slot is held for the whole visit; `with` gives it back however the block ends.
    with semaphore:
        pool.use(name)
        try:
            work()
        finally:
            # Leave the pool even when work() raises, before the slot is given back.
            pool.unuse(name)


def main(n_threads=7, limit=5, work=no_work):
    pool = ResourcePool()
    semaphore = threading.Semaphore(limit)
    entered = [threading.Event() for _ in range(n_threads)]
    done = [threading.Event() for _ in range(n_threads)]

    def run(i):
        def marked_work():
            entered[i].set()
            return work()

        try:
            if i >= limit:
                for k in range(limit):
                    entered[k].wait()
                if semaphore.acquire(blocking=False):  # not full after all (work returned at once)
                    try:
                        pool.use(threading.current_thread().name)
                        try:
                            marked_work()
                        finally:
                            pool.unuse(threading.current_thread().name)
                    finally:
                        semaphore.release()
                    return
                done[i - limit].wait()
            worker(semaphore, pool, marked_work)
        finally:
            done[i].set()

    threads = [
        threading.Thread(target=run, args=(i,), name=f"thread-{i}") for i in range(n_threads)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return pool
