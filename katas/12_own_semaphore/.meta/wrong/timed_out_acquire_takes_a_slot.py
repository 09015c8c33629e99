"""Wrong: acquire() takes a slot whatever wait_for() says, so an acquire that timed out
(or would not wait) returns False and still takes a slot: the count goes below zero.

expect: test_acquire_that_returns_false_takes_nothing -> FALSE_TOOK_A_SLOT
"""

from __future__ import annotations

import threading


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError("value must be >= 0")
        self._condition = threading.Condition()
        self._value = value

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        if not blocking:
            timeout = 0
        with self._condition:
            got = self._condition.wait_for(lambda: self._value > 0, timeout)
            self._value -= 1
            return got

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be one or more")
        with self._condition:
            self._value += n
            self._condition.notify(n)

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value: int = 1) -> None:
        super().__init__(value)
        self._initial = value

    def release(self, n: int = 1) -> None:
        with self._condition:
            if self._value + n > self._initial:
                raise ValueError("semaphore released too many times")
            super().release(n)
