"""Wrong: a blocking acquire waits for a notification before it looks at the count, so it
waits even with slots free: the releases that freed them came before it slept.

expect: test_acquire_takes_a_free_slot_at_once[Semaphore-blocking] -> FREE_SLOT_BLOCKED
expect: test_acquire_takes_a_free_slot_at_once[Semaphore-timed] -> FREE_SLOT_BLOCKED
expect: test_acquire_takes_a_free_slot_at_once[BoundedSemaphore-blocking] -> FREE_SLOT_BLOCKED
expect: test_acquire_takes_a_free_slot_at_once[BoundedSemaphore-timed] -> FREE_SLOT_BLOCKED
"""

from __future__ import annotations

import threading


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError("value must be >= 0")
        self._condition = threading.Condition()
        self._value = value
        self._woken = False

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        with self._condition:
            if not blocking:
                if self._value == 0:
                    return False
            elif not self._condition.wait_for(lambda: self._value > 0 and self._woken, timeout):
                return False
            self._woken = False
            self._value -= 1
            return True

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be one or more")
        with self._condition:
            self._value += n
            self._woken = True
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
