"""Correct, written another way: release() wakes every waiter with notify_all(); the `while`
loop sends back to sleep those that find no slot. Right, only slower with many waiters. The
deadline is kept as an absolute time and checked before each wait."""

from __future__ import annotations

import threading
from time import monotonic


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self.condition = threading.Condition()
        self.count = value

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        with self.condition:
            if blocking and timeout is None:
                while not self.count:
                    self.condition.wait()
            else:
                end = monotonic() + (timeout if blocking else 0)
                while not self.count:
                    left = end - monotonic()
                    if left <= 0:
                        return False
                    self.condition.wait(left)
            self.count -= 1
            return True

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be one or more")
        with self.condition:
            self.count += n
            self.condition.notify_all()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, exc_type, exc, tb) -> bool:
        self.release()
        return False


class BoundedSemaphore(Semaphore):
    def __init__(self, value: int = 1) -> None:
        super().__init__(value)
        self.limit = value

    def release(self, n: int = 1) -> None:
        with self.condition:
            if n >= 1 and self.count + n > self.limit:
                raise ValueError("semaphore released too many times")
            super().release(n)
