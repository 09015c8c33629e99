"""Wrong: main takes its pool from a default argument, made once when `def main` runs, so every
call of main shares one pool.

expect: test_main_makes_a_pool_of_its_own_at_each_call -> ONE_POOL_FOR_EVERY_CALL
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


def main(
    n_threads: int = 7,
    limit: int = 5,
    work: Callable[[], object] = no_work,
    pool: ResourcePool = ResourcePool(),
) -> ResourcePool:
    """Run `n_threads` workers through a semaphore of `limit` slots; return their pool."""
    # One semaphore shared by every thread: that is what bounds them together.
    semaphore = threading.Semaphore(limit)
    threads = [
        threading.Thread(target=worker, args=(semaphore, pool, work), name=f"thread-{i}")
        for i in range(n_threads)
    ]
    # Start them all before joining any, so that up to `limit` of them work at the same time.
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return pool


if __name__ == "__main__":
    # The original slept inside the pool, so that five threads could be seen there at once. Here
    # each thread stays inside work() until a watcher has looked at who is in: five threads
    # inside, two waiting for a slot. Without a working semaphore, more get in.
    inside: list[str] = []
    changed = threading.Condition()  # guards `inside`; announces each change of it
    looked = threading.Event()

    def stay() -> None:
        name = threading.current_thread().name
        with changed:
            inside.append(name)
            print(f"{name} is inside ({len(inside)} inside now)")
            changed.notify_all()
        looked.wait()
        with changed:
            inside.remove(name)

    def look() -> None:
        with changed:
            changed.wait_for(lambda: len(inside) >= 5, timeout=1)
            # A short wait on purpose: time for a sixth thread to get in, if the semaphore lets it.
            changed.wait_for(lambda: len(inside) > 5, timeout=0.1)
            started = {t.name for t in threading.enumerate() if t.name.startswith("thread-")}
            waiting = sorted(started - set(inside))
            print(f"{len(inside)} threads inside at once; waiting for a slot: {waiting}")
        looked.set()

    threading.Thread(target=look, name="watcher", daemon=True).start()
    pool = main(work=stay)
    print(f"all 7 threads are done; pool.active is {pool.active}")
