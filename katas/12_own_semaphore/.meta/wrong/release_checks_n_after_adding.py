"""Wrong: release(n) adds n to the count first and checks n < 1 after: release(-1) takes a slot
away, then raises.

expect: test_release_below_one_raises_value_error[Semaphore-minus-one] -> RELEASE_BELOW_ONE_CHANGED
expect: test_release_below_one_raises_value_error[BoundedSemaphore-minus-one] -> RELEASE_BELOW_ONE_CHANGED
"""

from __future__ import annotations

import threading
import time


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = threading.Condition(threading.RLock())
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
        with self._cond:
            self._value += n
            if n < 1:
                raise ValueError("n must be one or more")
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
