"""Wrong: `value or 1` keeps the default out of the signature, and makes Semaphore(0) a
semaphore of one slot.

expect: test_value_is_the_number_of_free_slots[Semaphore-zero] -> VALUE_SLOTS
expect: test_value_is_the_number_of_free_slots[BoundedSemaphore-zero] -> VALUE_SLOTS
"""

from __future__ import annotations

import threading
import time


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = threading.Condition(threading.RLock())
        self._value = value or 1

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
