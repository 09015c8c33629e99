"""Wrong: acquire() gives up as soon as wait(remaining) returns False, without looking at
the count again. A release() whose notify() picked this thread just as its time ran out is then
lost: the thread returns False, and the slot stays free while another thread sleeps. (Found in
review: no rule made a notify meet a timeout.)

expect: test_a_release_as_a_timed_acquire_times_out_is_not_lost[Semaphore] -> NOTIFY_LOST_AT_TIMEOUT
expect: test_a_release_as_a_timed_acquire_times_out_is_not_lost[BoundedSemaphore] -> NOTIFY_LOST_AT_TIMEOUT
"""

from __future__ import annotations

import threading
import time


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError("value must be >= 0")
        self._cond = threading.Condition(threading.Lock())
        self._value = value

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        with self._cond:
            deadline = None if timeout is None else time.monotonic() + timeout
            while self._value == 0:
                if not blocking:
                    return False
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                if not self._cond.wait(remaining):
                    return False
            self._value -= 1
            return True

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be >= 1")
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value: int = 1) -> None:
        super().__init__(value)
        self._bound = value

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be >= 1")
        with self._cond:
            if self._value + n > self._bound:
                raise ValueError("released too many times")
            self._value += n
            self._cond.notify(n)
