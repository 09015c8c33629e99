"""Wrong: __init__ refuses 0 (`if value <= 0: raise ValueError`), an off-by-one: a semaphore
with no slot free is a semaphore.

expect: test_value_is_the_number_of_free_slots[Semaphore-zero] -> ZERO_REFUSED
expect: test_value_is_the_number_of_free_slots[BoundedSemaphore-zero] -> ZERO_REFUSED
"""

from __future__ import annotations

import threading
import time


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value <= 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = threading.Condition()
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
    def __init__(self, value: int = 1) -> None:
        super().__init__(value)
        self._initial = value

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            if self._value + n > self._initial:
                raise ValueError("Semaphore released too many times")
            super().release(n)
