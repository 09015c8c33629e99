"""Wrong: a wrapper around threading.Semaphore: it behaves right, but the kata asks for a
semaphore built from a Condition, not borrowed.

expect: test_neither_class_is_built_on_a_ready_made_semaphore_or_queue -> BUILT_ON_READY_MADE
"""

from __future__ import annotations

import threading


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        self._semaphore = threading.Semaphore(value)

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        return self._semaphore.acquire(blocking, timeout)

    def release(self, n: int = 1) -> None:
        self._semaphore.release(n)

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value: int = 1) -> None:
        self._semaphore = threading.BoundedSemaphore(value)
