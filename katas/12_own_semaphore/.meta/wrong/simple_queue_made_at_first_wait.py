"""Wrong: the count is an attribute under a Lock, but a waiter sleeps in a queue.SimpleQueue,
made the first time someone has to wait, and release() wakes it with a put(): the queue does
the waiting the kata asks you to write with a Condition.

expect: test_neither_class_is_built_on_a_ready_made_semaphore_or_queue -> BUILT_ON_READY_MADE
"""

from __future__ import annotations

import queue
import threading
import time


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError(f"a semaphore's initial value must be >= 0, not {value}")
        self._value = value
        self._lock = threading.Lock()
        self._wakes: queue.SimpleQueue | None = None

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._lock:
                if self._value > 0:
                    self._value -= 1
                    return True
                if not blocking:
                    return False
                if self._wakes is None:
                    self._wakes = queue.SimpleQueue()
                wakes = self._wakes
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return False
            try:
                wakes.get(timeout=left)
            except queue.Empty:
                return False

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError(f"n must be one or more, not {n}")
        with self._lock:
            self._value += n
            if self._wakes is not None:
                for _ in range(n):
                    self._wakes.put(None)

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value: int = 1) -> None:
        super().__init__(value)
        self._initial = value

    def release(self, n: int = 1) -> None:
        with self._lock:
            if n >= 1 and self._value + n > self._initial:
                raise ValueError("semaphore released too many times")
        super().release(n)
