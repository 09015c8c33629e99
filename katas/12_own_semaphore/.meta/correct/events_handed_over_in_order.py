"""Correct, written another way: fair, first come first served. Each waiter waits on an Event
of its own (Event.wait(timeout) in a loop, to a monotonic deadline), and release(n) hands slots
straight to the first waiters by setting their Events; a waiter that times out takes itself off
the queue under the lock, unless its Event was set first."""

from __future__ import annotations

import collections
import threading
import time


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError("value < 0")
        self._lock = threading.Lock()
        self._value = value
        self._waiters = collections.deque()

    def acquire(self, blocking=True, timeout=None):
        with self._lock:
            if self._value > 0 and not self._waiters:
                self._value -= 1
                return True
            if not blocking:
                return False
            me = threading.Event()
            self._waiters.append(me)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if me.wait(left):
                return True
            if deadline is not None and time.monotonic() >= deadline:
                with self._lock:
                    if me.is_set():
                        return True
                    self._waiters.remove(me)
                    self._hand_over()
                    return False

    def _hand_over(self):
        while self._value > 0 and self._waiters:
            self._value -= 1
            self._waiters.popleft().set()

    def _add(self, n):
        self._value += n
        self._hand_over()

    def release(self, n=1):
        if n < 1:
            raise ValueError("n < 1")
        with self._lock:
            self._add(n)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value: int = 1) -> None:
        super().__init__(value)
        self._bound = value

    def release(self, n=1):
        if n < 1:
            raise ValueError("n < 1")
        with self._lock:
            if self._value + n > self._bound:
                raise ValueError("too many releases")
            self._add(n)
