"""Correct: worker stacks its slot and its place in the pool on one ExitStack; the pool rebuilds its
list in place, under the lock."""

from __future__ import annotations

import contextlib
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
        with self.lock:
            self.active += [name]

    def unuse(self, name: str) -> None:
        """Remove `name` from `active`, while holding `lock`."""
        with self.lock:
            # Read and write in one critical section; the list object itself is kept.
            self.active[:] = [other for other in self.active if other != name]

    @contextlib.contextmanager
    def member(self, name: str):
        """`name` is in the pool for the duration of the with block, whatever happens in it."""
        self.use(name)
        try:
            yield self
        finally:
            self.unuse(name)


def worker(semaphore, pool: ResourcePool, work: Callable[[], object] = no_work) -> None:
    """Hold one slot of `semaphore` while this thread's name is in `pool` and `work()` runs."""
    with contextlib.ExitStack() as stack:
        stack.enter_context(semaphore)                       # left last: the slot goes back
        stack.enter_context(pool.member(threading.current_thread().name))  # left first
        work()


def main(n_threads: int = 7, limit: int = 5, work: Callable[[], object] = no_work) -> ResourcePool:
    """Run `n_threads` workers through a semaphore of `limit` slots; return their pool."""
    pool = ResourcePool()
    semaphore = threading.Semaphore(limit)
    threads = [
        threading.Thread(target=worker, name="thread-%d" % i, args=(semaphore, pool, work))
        for i in range(n_threads)
    ]
    list(map(threading.Thread.start, threads))
    list(map(threading.Thread.join, threads))
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
