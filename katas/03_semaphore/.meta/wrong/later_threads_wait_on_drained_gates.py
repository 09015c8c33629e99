"""Wrong: each thread i >= limit first waits on a gate of its own, a Semaphore(limit) that main
drained before it started anyone, in a helper thread named gate-i that it joins; thread
i - limit releases that gate once it is done. The gates keep at most limit threads inside, and
main's Semaphore(limit) never makes anyone wait.

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
    gates = {i: threading.Semaphore(limit) for i in range(limit, n_threads)}
    for gate in gates.values():
        for _ in range(limit):
            gate.acquire()

    def run(i):
        try:
            if i in gates:
                opener = threading.Thread(target=gates[i].acquire, name=f"gate-{i}")
                opener.start()
                opener.join()
            worker(semaphore, pool, work)
        finally:
            if i + limit in gates:
                gates[i + limit].release()

    threads = [
        threading.Thread(target=run, args=(i,), name=f"thread-{i}") for i in range(n_threads)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return pool
