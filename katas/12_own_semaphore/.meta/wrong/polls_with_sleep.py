"""Wrong: acquire() looks at the count every millisecond, sleeping in between, instead of waiting
in the Condition: release() cannot wake a sleeping thread, so no waiter goes through at once,
and a long timed acquire() polls a thousand times. (Written from the lesson alone, as a
held-out wrong solution: a long timed acquire() reached the judge's CPU limit on 3.10 but not
on 3.11, so its verdict depended on the interpreter's speed until polls were counted.)

expect: test_release_n_lets_exactly_n_waiters_through -> POLLS
expect: test_release_lets_a_waiter_of_its_own_semaphore_through -> POLLS
expect: test_timed_acquire_returns_false_when_the_time_is_up[Semaphore-long] -> judge.POLL
expect: test_timed_acquire_returns_false_when_the_time_is_up[BoundedSemaphore-long] -> judge.POLL
expect: test_timed_acquire_woken_for_nothing_keeps_its_deadline -> judge.POLL
"""

from __future__ import annotations

import threading
import time


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError("value must be >= 0")
        self._condition = threading.Condition(threading.Lock())
        self._value = value

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._condition:
                if self._value > 0:
                    self._value -= 1
                    return True
            if not blocking or (deadline is not None and time.monotonic() >= deadline):
                return False
            time.sleep(0.001)

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be >= 1")
        with self._condition:
            self._value += n
            self._condition.notify(n)

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value: int = 1) -> None:
        super().__init__(value)
        self._initial = value

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be >= 1")
        with self._condition:
            if self._value + n > self._initial:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._condition.notify(n)
