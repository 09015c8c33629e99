"""Correct, written another way: a fair semaphore. Waiters queue in arrival order, each asleep
in a Condition of its own over one shared Lock, and release(n) hands slots straight to the first
n waiters; a waiter whose time runs out leaves the queue.
"""

from __future__ import annotations

import collections
import threading
import time


class _Waiter:
    def __init__(self, lock):
        self.cond = threading.Condition(lock)
        self.granted = False


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("value < 0")
        self._lock = threading.Lock()
        self._free = value
        self._queue = collections.deque()

    def acquire(self, blocking=True, timeout=None):
        with self._lock:
            if self._free > 0 and not self._queue:
                self._free -= 1
                return True
            if not blocking:
                return False
            me = _Waiter(self._lock)
            self._queue.append(me)
            deadline = None if timeout is None else time.monotonic() + timeout
            while not me.granted:
                if deadline is None:
                    me.cond.wait()
                    continue
                left = deadline - time.monotonic()
                if left <= 0:
                    self._queue.remove(me)
                    return False
                me.cond.wait(left)
            return True

    def _give(self, n):
        self._free += n
        while self._free and self._queue:
            waiter = self._queue.popleft()
            waiter.granted = True
            self._free -= 1
            waiter.cond.notify()

    def release(self, n=1):
        if n < 1:
            raise ValueError("n < 1")
        with self._lock:
            self._give(n)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        super().__init__(value)
        self._initial = value

    def release(self, n=1):
        if n < 1:
            raise ValueError("n < 1")
        with self._lock:
            if self._free + n > self._initial:
                raise ValueError("too many releases")
            self._give(n)
