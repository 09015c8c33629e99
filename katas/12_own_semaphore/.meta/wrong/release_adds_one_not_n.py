"""Wrong: release(n) wakes n waiters with notify(n) but adds 1 to the count, not n: one woken
waiter passes, the others find no slot and sleep again. (Found in review: the failure blamed the
wake-up, notify(n), which this file gets right.)

expect: test_release_n_lets_exactly_n_waiters_through[Semaphore-five-waiters-release-3] -> SLOTS_GONE
expect: test_release_n_lets_exactly_n_waiters_through[BoundedSemaphore-four-waiters-release-4] -> SLOTS_GONE
"""

from __future__ import annotations

import threading
import time


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError("value must be >= 0")
        self._cond = threading.Condition(threading.Lock())
        self._value = value

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        with self._cond:
            deadline = None if timeout is None else time.monotonic() + timeout
            while self._value == 0:
                if not blocking:
                    return False
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._cond.wait(remaining)
            self._value -= 1
            return True

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be >= 1")
        with self._cond:
            self._value += 1
            self._cond.notify(n)

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value: int = 1) -> None:
        super().__init__(value)
        self._bound = value

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be >= 1")
        with self._cond:
            if self._value + n > self._bound:
                raise ValueError("released too many times")
            self._value += 1
            self._cond.notify(n)
