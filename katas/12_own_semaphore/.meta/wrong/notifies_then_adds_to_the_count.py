"""Wrong: Semaphore.release() notifies in one hold of the condition and adds to the count in a
second one: the thread it woke can look in between, find the count at 0, and sleep again, woken
by nobody. (BoundedSemaphore.release holds the condition around both, so it is right.)

expect: test_a_waiter_woken_by_release_finds_its_slot[Semaphore] -> NOTIFIED_BEFORE_COUNT
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
        with self._condition:
            while self._value == 0:
                if deadline is None:
                    self._condition.wait()
                    continue
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False  # the time is up: nothing taken
                self._condition.wait(remaining)
            self._value -= 1
            return True

    def release(self, n: int = 1) -> None:
        """Give back `n` slots, and wake up to `n` waiters, one for each."""
        if n < 1:
            raise ValueError(f"n must be one or more, not {n}")
        with self._condition:
            self._condition.notify(n)
        with self._condition:
            self._value += n

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

