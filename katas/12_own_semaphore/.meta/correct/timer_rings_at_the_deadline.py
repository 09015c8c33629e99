"""Correct, written another way: a timed acquire never waits with a timeout. It starts a
threading.Timer that, at the deadline, notes that the time is up and wakes every waiter; it
waits in the condition with no timeout, gives up once the note is there, and cancels its Timer
(without joining it) whatever it returns."""

from __future__ import annotations

import threading


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError("value < 0")
        self._cond = threading.Condition()
        self._value = value

    def acquire(self, blocking=True, timeout=None):
        with self._cond:
            if self._value > 0:
                self._value -= 1
                return True
            if not blocking or (timeout is not None and timeout <= 0):
                return False
            expired = []
            timer = None
            if timeout is not None:
                def ring():
                    with self._cond:
                        expired.append(True)
                        self._cond.notify_all()
                timer = threading.Timer(timeout, ring)
                timer.daemon = True
                timer.start()
            try:
                while self._value == 0:
                    if expired:
                        return False
                    self._cond.wait()
                self._value -= 1
                return True
            finally:
                if timer is not None:
                    timer.cancel()

    def release(self, n=1):
        if n < 1:
            raise ValueError("n < 1")
        with self._cond:
            self._value += n
            self._cond.notify(n)

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
        with self._cond:
            if self._value + n > self._bound:
                raise ValueError("too many")
            self._value += n
            self._cond.notify(n)
