"""Wrong: worker takes its name out of the pool in an `except Exception:` handler and after a
normal return, not in a `finally:` block: a SystemExit or KeyboardInterrupt from work() is no
Exception, and leaves the name in pool.active for ever.

expect: test_worker_takes_its_name_out_when_work_raises[work-exits] -> NAME_LEAKED
"""

from __future__ import annotations

import threading
from typing import Callable


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


def worker(semaphore, pool: ResourcePool, work: Callable[[], object] = no_work) -> None:
    name = threading.current_thread().name
    with semaphore:
        pool.use(name)
        try:
            work()
        except Exception:
            pool.unuse(name)
            raise
        pool.unuse(name)


def main(n_threads: int = 7, limit: int = 5, work: Callable[[], object] = no_work) -> ResourcePool:
    pool = ResourcePool()
    semaphore = threading.Semaphore(limit)
    threads = [
        threading.Thread(target=worker, name=f"thread-{i}", args=(semaphore, pool, work))
        for i in range(n_threads)
    ]
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
