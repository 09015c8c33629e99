"""Wrong: a wrapper around a Semaphore that a multiprocessing manager keeps in its own process:
the manager's semaphore does all the counting and waiting, and every call crosses to another
process and back.

expect: test_neither_class_is_built_on_a_ready_made_semaphore_or_queue -> BUILT_ON_READY_MADE
"""

from __future__ import annotations

import multiprocessing

_MANAGER: list = []


def manager():
    if not _MANAGER:
        _MANAGER.append(multiprocessing.Manager())
    return _MANAGER[0]


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError(f"a semaphore's initial value must be >= 0, not {value}")
        self._semaphore = manager().Semaphore(value)

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        return self._semaphore.acquire(blocking, timeout)

    def release(self, n: int = 1) -> None:
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
        self._semaphore = manager().BoundedSemaphore(value)
