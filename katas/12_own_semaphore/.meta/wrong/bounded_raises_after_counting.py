"""Wrong: the bounded release releases first and checks after: it raises, but the count
has changed (and waiters may have been woken).

expect: test_bounded_release_past_its_value_raises_and_keeps_the_count -> BOUNDED_CHANGED_COUNT
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
            while self._value == 0:
                if deadline is None:
                    self._condition.wait()
                    continue
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._condition.wait(remaining)
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
        super().release(n)
        with self._condition:
            if self._value > self._initial:
                raise ValueError("semaphore released too many times")
