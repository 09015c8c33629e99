"""Wrong: a queue.Queue of tokens is the count, and its get() does the waiting: it behaves
right, but the Queue's own Conditions do all the work the kata asks you to write.

expect: test_neither_class_is_built_on_a_ready_made_semaphore_or_queue -> BUILT_ON_READY_MADE
"""

from __future__ import annotations

import queue
import threading


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError(f"a semaphore's initial value must be >= 0, not {value}")
        self._tokens: queue.Queue = queue.Queue()
        for _ in range(value):
            self._tokens.put(None)
        self._lock = threading.Lock()

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        try:
            self._tokens.get(blocking, timeout)
        except queue.Empty:
            return False
        return True

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError(f"n must be one or more, not {n}")
        for _ in range(n):
            self._tokens.put(None)

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
            if n >= 1 and self._tokens.qsize() + n > self._initial:
                raise ValueError("semaphore released too many times")
            super().release(n)
