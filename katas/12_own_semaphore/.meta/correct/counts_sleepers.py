"""Correct, written another way: the semaphore counts the threads asleep in it and wakes at
most that many, with an explicit `while True` loop whose timed branch keeps one deadline. The
predicate is a method that takes the (re-entrant) condition again."""

from __future__ import annotations

import threading
import time


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError("negative initial value")
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.value = value
        self.sleepers = 0

    def has_slot(self) -> bool:
        with self.lock:
            return self.value > 0

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        with self.lock:
            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                if self.has_slot():
                    self.value -= 1
                    return True
                if not blocking:
                    return False
                wait = None
                if deadline is not None:
                    wait = deadline - time.monotonic()
                    if wait <= 0:
                        return False
                self.sleepers += 1
                try:
                    self.changed.wait(wait)
                finally:
                    self.sleepers -= 1

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("release(n) needs n >= 1")
        with self.lock:
            self.value += n
            self.changed.notify(min(n, self.sleepers))

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value: int = 1) -> None:
        self.initial = value
        super().__init__(value)

    def release(self, n: int = 1) -> None:
        with self.lock:
            if self.value + n > self.initial:
                raise ValueError("released more than acquired")
            super().release(n)
