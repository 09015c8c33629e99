"""Correct, written another way: from two plain Locks and no Condition (the "gate and mutex"
semaphore of J. Barz). `gate` is free exactly while a slot is free and nobody is taking one:
an acquirer passes the gate, takes a slot under `mutex`, and opens the gate again for the next
one if slots are left; a release that brings the count up from 0 opens it."""

from __future__ import annotations

import threading


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._value = value
        self._mutex = threading.Lock()  # guards _value
        self._gate = threading.Lock()  # held while no slot is free
        if value == 0:
            self._gate.acquire()

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        if not blocking:
            passed = self._gate.acquire(False)
        else:
            passed = self._gate.acquire(True, -1 if timeout is None else max(timeout, 0))
        if not passed:
            return False
        with self._mutex:
            self._value -= 1
            if self._value > 0:
                self._gate.release()
        return True

    def __enter__(self) -> bool:
        return self.acquire()

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be one or more")
        with self._mutex:
            self._add(n)

    def _add(self, n: int) -> None:
        """Add n slots; the caller holds _mutex."""
        self._value += n
        if self._value == n:  # it was 0: the gate was shut
            self._gate.release()

    def __exit__(self, *exc: object) -> None:
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value: int = 1) -> None:
        super().__init__(value)
        self._bound = value

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be one or more")
        with self._mutex:
            if self._value + n > self._bound:
                raise ValueError("semaphore released too many times")
            self._add(n)
