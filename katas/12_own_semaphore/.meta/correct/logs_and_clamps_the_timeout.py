"""Correct, written another way: logging on every call, keyword arguments, a property for the
count, a helper for the time left, a negative timeout taken as 0, and the bound checked in a
hook that release calls inside its critical section.
"""

from __future__ import annotations

import logging
import threading
import time

log = logging.getLogger(__name__)


def _time_left(deadline):
    if deadline is None:
        return None
    return max(0.0, deadline - time.monotonic())


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError("Semaphore(value) needs value >= 0")
        self._count = value
        self._cv = threading.Condition(lock=threading.RLock())
        log.debug("new semaphore with %d slots", value)

    @property
    def available(self) -> int:
        with self._cv:
            return self._count

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        if timeout is not None and timeout < 0:
            timeout = 0
        deadline = None
        if not blocking:
            deadline = time.monotonic()
        elif timeout is not None:
            deadline = time.monotonic() + timeout
        with self._cv:
            while not self._count:
                left = _time_left(deadline)
                if left == 0.0:
                    log.debug("%s: no slot in time", threading.current_thread().name)
                    return False
                self._cv.wait(timeout=left)
            self._count -= 1
            log.debug("%s: took a slot, %d left", threading.current_thread().name, self._count)
        return True

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("release(n) needs n >= 1")
        with self._cv:
            self._check_release(n)
            self._count += n
            self._cv.notify(n=n)
            log.debug("released %d, now %d free", n, self._count)

    def _check_release(self, n: int) -> None:
        """Nothing to check for a plain semaphore."""

    def __enter__(self) -> bool:
        return self.acquire(blocking=True)

    def __exit__(self, *exc: object) -> None:
        self.release(n=1)


class BoundedSemaphore(Semaphore):
    def __init__(self, value: int = 1) -> None:
        super().__init__(value=value)
        self._max = value

    def _check_release(self, n: int) -> None:
        if self._count + n > self._max:
            raise ValueError(f"release({n}) would pass the bound {self._max}")
