"""Correct, written another way: a Condition over a plain Lock, so no method takes it twice:
both releases check n, then call one helper that expects the condition held. Waiting threads
are woken one per slot, in a loop."""

from __future__ import annotations

import threading
import time


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError(f"value must be >= 0, got {value}")
        self._cond = threading.Condition(threading.Lock())
        self._free = value

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        deadline = None
        if timeout is not None:
            deadline = time.monotonic() + timeout
        with self._cond:
            while self._free == 0:
                if not blocking:
                    return False
                if deadline is None:
                    self._cond.wait()
                else:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return False
                    self._cond.wait(remaining)
            self._free -= 1
        return True

    def release(self, n: int = 1) -> None:
        check(n)
        with self._cond:
            self._give(n)

    def _give(self, n: int) -> None:
        """Add n free slots and wake one waiter for each; the caller holds the condition."""
        self._free += n
        for _ in range(n):
            self._cond.notify()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value: int = 1) -> None:
        super().__init__(value)
        self._value = value

    def release(self, n: int = 1) -> None:
        check(n)
        with self._cond:
            if self._free + n > self._value:
                raise ValueError("BoundedSemaphore released too many times")
            self._give(n)


def check(n: int) -> None:
    if n < 1:
        raise ValueError(f"n must be one or more, got {n}")
