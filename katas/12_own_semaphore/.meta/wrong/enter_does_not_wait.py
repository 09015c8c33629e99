"""Wrong: __enter__ calls acquire(blocking=False) and enters the block whatever it returned: a
`with` on a full semaphore goes in with no slot.

expect: test_with_block_waits_for_a_free_slot -> WITH_DID_NOT_WAIT
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
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __enter__(self):
        self.acquire(blocking=False)
        return True

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
