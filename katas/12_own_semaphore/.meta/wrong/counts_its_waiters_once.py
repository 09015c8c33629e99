"""Wrong: the semaphore counts its waiters to notify only as many as wait, and release()
counts out those it wakes; but a waiter counts itself only before its first sleep. When a
thread coming later takes the slot of a woken waiter, that waiter sleeps again uncounted, and
a later release() frees a slot beside it with notify(0).

expect: test_releases_after_a_late_comer_took_a_woken_waiters_slot_let_every_waiter_through -> WAKEUP_LOST_AFTER_A_LATE_COMER
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
        self._waiters = 0

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            if self._value == 0:
                if not blocking:
                    return False
                self._waiters += 1  # release() counts me out when it wakes me
            while self._value == 0:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    self._waiters = max(0, self._waiters - 1)
                    return False
                self._cond.wait(left)
            self._value -= 1
            return True

    def _wake(self, n: int) -> None:
        self._value += n
        k = min(n, self._waiters)
        self._waiters -= k
        self._cond.notify(k)

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._wake(n)

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value: int = 1) -> None:
        super().__init__(value)
        self._initial = value

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            if self._value + n > self._initial:
                raise ValueError("Semaphore released too many times")
            self._wake(n)
