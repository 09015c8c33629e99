"""Wrong: the count and the Condition are module globals, shared by every semaphore (the last
one made sets the count): a release of one lets another's waiter through.

expect: test_release_lets_a_waiter_of_its_own_semaphore_through[Semaphore-second] -> OTHER_SEMAPHORE_PASSED
expect: test_release_lets_a_waiter_of_its_own_semaphore_through[BoundedSemaphore-second] -> OTHER_SEMAPHORE_PASSED
"""

from __future__ import annotations

import threading
import time

_condition = threading.Condition(threading.RLock())
_value = 0


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        global _value
        _value = value

    def acquire(self, blocking=True, timeout=None):
        global _value
        if not blocking:
            timeout = 0
        deadline = None if timeout is None else time.monotonic() + timeout
        with _condition:
            while _value == 0:
                if deadline is None:
                    _condition.wait()
                    continue
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                _condition.wait(remaining)
            _value -= 1
            return True

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        global _value
        with _condition:
            _value += n
            _condition.notify(n)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        super().__init__(value)
        self._initial = value

    def release(self, n=1):
        with _condition:
            if _value + n > self._initial:
                raise ValueError("Semaphore released too many times")
            super().release(n)
