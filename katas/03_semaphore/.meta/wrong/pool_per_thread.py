"""Wrong: main hands each thread a pool of its own and returns another, empty one.

expect: test_main_returns_the_pool_its_threads_used -> NOT_THE_POOL_USED
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


def main(n_threads: int = 7, limit: int = 5, work: Callable[[], object] = no_work) -> ResourcePool:
    """Run `n_threads` workers through a semaphore of `limit` slots; return their pool."""
    pool = ResourcePool()
    # One semaphore shared by every thread: that is what bounds them together.
    semaphore = threading.Semaphore(limit)
    threads = [
        threading.Thread(target=worker, args=(semaphore, ResourcePool(), work), name=f"thread-{i}")
        for i in range(n_threads)
    ]
    # Start them all before joining any, so that up to `limit` of them work at the same time.
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return pool


if __name__ == "__main__":
    # The original slept inside the pool so that five threads were seen working at once. Here
    # the first five to get in wait for each other at a barrier instead: they can only all pass
    # it if the semaphore really lets five in together.
    first_five = threading.Barrier(5)
    arrivals: list[str] = []
    printing = threading.Lock()  # one line at a time: print() is not atomic across threads

    def meet() -> None:
        name = threading.current_thread().name
        arrivals.append(name)
        if len(arrivals) <= first_five.parties:
            first_five.wait(timeout=5)
            line = f"{name} met the other four of the first five inside the pool"
        else:
            line = f"{name} got in once a slot was free"
        with printing:
            print(line)

    pool = main(work=meet)
    print(f"all {len(arrivals)} threads are done; pool.active is {pool.active}")
