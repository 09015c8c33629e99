"""Wrong: wait() looks for a ticket in one hold of the condition and sleeps in condition.wait()
in a second one: a release_one() that comes in between notifies nobody, and the waiter then
sleeps past the ticket it left.

expect: test_a_release_between_a_waiters_look_and_its_sleep_is_not_lost -> LET_GO_BEFORE_SLEEPING
"""
from __future__ import annotations

import threading
import time


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False

    def _passes(self) -> bool:
        with self.condition:
            if self.opened:
                return True
            if self.tickets > 0:
                self.tickets -= 1
                return True
            return False

    def wait(self, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._passes():
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return False
            with self.condition:
                self.condition.wait(left)
        return True

    def release_one(self) -> None:
        with self.condition:
            self.tickets += 1
            self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.condition.notify_all()
