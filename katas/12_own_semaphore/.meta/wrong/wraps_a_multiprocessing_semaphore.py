"""Wrong: a wrapper around multiprocessing's Semaphore, a semaphore between processes: threads
can share it too, but it is ready made, not built from a Condition.

expect: test_neither_class_is_built_on_a_ready_made_semaphore_or_queue -> BUILT_ON_READY_MADE
"""

from __future__ import annotations

import multiprocessing


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError(f"a semaphore's initial value must be >= 0, not {value}")
        self._semaphore = multiprocessing.Semaphore(value)

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        return self._semaphore.acquire(blocking, timeout)

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError(f"n must be one or more, not {n}")
        for _ in range(n):
            self._semaphore.release()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError(f"a semaphore's initial value must be >= 0, not {value}")
        self._semaphore = multiprocessing.BoundedSemaphore(value)
