"""Wrong: acquire() looks at the count in one hold of the condition and sleeps in wait() in a
second one: a release() that comes in between notifies nobody, and the thread then sleeps past
the slot it gave back.

expect: test_a_release_between_an_acquires_look_and_its_sleep_is_not_lost -> LET_GO_BEFORE_SLEEPING
"""

from __future__ import annotations

import threading
import time


class Semaphore:
    """A counter of free slots: acquire() takes one, waiting while there is none; release(n)
    gives n back."""

    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError(f"a semaphore's initial value must be >= 0, not {value}")
        self._condition = threading.Condition()
        self._value = value

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        """Take one slot and return True; False if none came free in time (nothing taken)."""
        if not blocking:
            timeout = 0
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._condition:
                if self._value > 0:
                    self._value -= 1
                    return True
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                return False
            with self._condition:
                self._condition.wait(remaining)

    def release(self, n: int = 1) -> None:
        """Give back `n` slots, and wake up to `n` waiters, one for each."""
        if n < 1:
            raise ValueError(f"n must be one or more, not {n}")
        with self._condition:
            self._value += n
            self._condition.notify(n)

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class BoundedSemaphore(Semaphore):
    """A Semaphore that refuses, with ValueError, a release past its initial value."""

    def __init__(self, value: int = 1) -> None:
        super().__init__(value)
        self._initial = value

    def release(self, n: int = 1) -> None:
        with self._condition:
            if self._value + n > self._initial:
                raise ValueError("semaphore released too many times")
            super().release(n)

