"""Wrong: `if` instead of `while` around the wait: a woken thread takes a slot without
looking at the count again, so a wake-up with nothing released lets it through; and a False
from wait(timeout) ends acquire() without a look, so a release() that comes as the time runs
out is lost.

expect: test_wake_up_without_release_lets_nobody_through -> IF_INSTEAD_OF_WHILE
expect: test_a_release_as_a_timed_acquire_times_out_is_not_lost -> NOTIFY_LOST_AT_TIMEOUT
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
