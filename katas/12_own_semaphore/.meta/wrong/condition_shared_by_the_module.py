"""Wrong: one Condition made in the module serves every semaphore: a release of one may wake a
waiter of another, which sleeps again, while its own waiter sleeps on.

expect: test_release_lets_a_waiter_of_its_own_semaphore_through[Semaphore-second] -> OWN_WAITER_NOT_WOKEN
expect: test_release_lets_a_waiter_of_its_own_semaphore_through[BoundedSemaphore-second] -> OWN_WAITER_NOT_WOKEN
"""

from __future__ import annotations

import threading
import time

_CONDITION = threading.Condition(threading.RLock())


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = _CONDITION
        self._value = value

    def acquire(self, blocking=True, timeout=None):
        if not blocking:
            timeout = 0
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._value == 0:
                if deadline is None:
                    self._cond.wait()
                    continue
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
            self._value -= 1
            return True

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        super().__init__(value)
        self._initial = value

    def release(self, n=1):
        with self._cond:
            if self._value + n > self._initial:
                raise ValueError("Semaphore released too many times")
            super().release(n)
