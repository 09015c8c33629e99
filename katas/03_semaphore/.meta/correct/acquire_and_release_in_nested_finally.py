"""Correct: every lock and slot taken with acquire() and given back in a nested try/finally; unuse
finds the index and deletes it in one hold of the lock."""

from __future__ import annotations

import threading
from typing import Callable


def no_work() -> None:
    """The default work: return at once."""


class ResourcePool:
    """The names of the threads now inside the pool, guarded by a lock."""

    def __init__(self) -> None:
        self.active: list[str] = []
        self.lock = threading.Lock()

    def use(self, name: str) -> None:
        """Add `name` to `active`, while holding `lock`."""
        self.lock.acquire()
        try:
            self.active.insert(len(self.active), name)
        finally:
            self.lock.release()

    def unuse(self, name: str) -> None:
        """Remove `name` from `active`, while holding `lock`."""
        self.lock.acquire()
        try:
            # Looked up and deleted in one hold of the lock: the index cannot go stale.
            del self.active[self.active.index(name)]
        finally:
            self.lock.release()


def worker(semaphore, pool: ResourcePool, work: Callable[[], object] = no_work) -> None:
    """Hold one slot of `semaphore` while this thread's name is in `pool` and `work()` runs."""
    name = threading.current_thread().name
    semaphore.acquire()
    try:
        pool.use(name)
        try:
            work()
        finally:
            pool.unuse(name)
    finally:
        semaphore.release()


def main(n_threads: int = 7, limit: int = 5, work: Callable[[], object] = no_work) -> ResourcePool:
    """Run `n_threads` workers through a semaphore of `limit` slots; return their pool."""
    pool = ResourcePool()
    semaphore = threading.BoundedSemaphore(limit)
    threads = []
    for i in range(n_threads):
        thread = threading.Thread(target=worker, name=f"thread-{i}", args=(semaphore, pool, work))
        thread.start()
        threads.append(thread)
    while threads:
        threads.pop().join()  # joined in reverse order; every one of them, before returning
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
