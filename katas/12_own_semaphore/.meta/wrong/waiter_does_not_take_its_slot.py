"""Wrong: a thread woken in acquire() returns True without taking the slot it found: the
slot stays free for the next one.

expect: test_release_n_lets_exactly_n_waiters_through[Semaphore-three-waiters-release-1] -> SLOT_NOT_TAKEN
expect: test_release_n_lets_exactly_n_waiters_through[Semaphore-five-waiters-release-3] -> SLOT_NOT_TAKEN
expect: test_release_n_lets_exactly_n_waiters_through[Semaphore-four-waiters-release-4] -> SLOT_NOT_TAKEN
expect: test_release_n_lets_exactly_n_waiters_through[Semaphore-five-timed-waiters-release-2] -> SLOT_NOT_TAKEN
expect: test_release_n_lets_exactly_n_waiters_through[BoundedSemaphore-three-waiters-release-1] -> SLOT_NOT_TAKEN
expect: test_release_n_lets_exactly_n_waiters_through[BoundedSemaphore-five-waiters-release-3] -> SLOT_NOT_TAKEN
expect: test_release_n_lets_exactly_n_waiters_through[BoundedSemaphore-four-waiters-release-4] -> SLOT_NOT_TAKEN
expect: test_release_n_lets_exactly_n_waiters_through[BoundedSemaphore-five-timed-waiters-release-2] -> SLOT_NOT_TAKEN
"""

from __future__ import annotations

import threading
import time


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError("value must be >= 0")
        self._condition = threading.Condition()
        self._value = value

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        if not blocking:
            timeout = 0
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._condition:
            if self._value > 0:
                self._value -= 1
                return True
            while self._value == 0:
                if deadline is None:
                    self._condition.wait()
                    continue
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._condition.wait(remaining)
            return True  # woken with a slot there: "it is mine"

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
