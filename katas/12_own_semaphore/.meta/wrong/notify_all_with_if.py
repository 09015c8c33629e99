"""Wrong: release() wakes every waiter, and acquire() checks the count with `if`: every
woken waiter passes, whatever n was.

expect: test_release_n_lets_exactly_n_waiters_through[Semaphore-three-waiters-release-1] -> TOO_MANY_PASSED
expect: test_release_n_lets_exactly_n_waiters_through[Semaphore-five-waiters-release-3] -> TOO_MANY_PASSED
expect: test_release_n_lets_exactly_n_waiters_through[Semaphore-five-timed-waiters-release-2] -> TOO_MANY_PASSED
expect: test_release_n_lets_exactly_n_waiters_through[BoundedSemaphore-three-waiters-release-1] -> TOO_MANY_PASSED
expect: test_release_n_lets_exactly_n_waiters_through[BoundedSemaphore-five-waiters-release-3] -> TOO_MANY_PASSED
expect: test_release_n_lets_exactly_n_waiters_through[BoundedSemaphore-five-timed-waiters-release-2] -> TOO_MANY_PASSED
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
        with self._condition:
            if self._value == 0:
                if not blocking:
                    return False
                if not self._condition.wait(timeout):
                    return False
            self._value -= 1
            return True

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be one or more")
        with self._condition:
            self._value += n
            self._condition.notify_all()

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
