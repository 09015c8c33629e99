"""Wrong: wait() checks, sleeps once in condition.wait(timeout), checks again and gives up
with False if there is still nothing: a wake-up meant for another thread (or a spurious one)
ends the wait long before its timeout.

expect: test_wake_up_without_release_lets_nobody_through -> EMPTY_WAKEUP_GAVE_UP
expect: test_wait_after_an_empty_wake_up_keeps_its_deadline -> EMPTY_WAKEUP_GAVE_UP
"""
from __future__ import annotations
import threading


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False

    def wait(self, timeout: float | None = None) -> bool:
        with self.condition:
            if not (self.opened or self.tickets > 0):
                self.condition.wait(timeout)
            if not (self.opened or self.tickets > 0):
                return False
            if not self.opened:
                self.tickets -= 1
            return True

    def release_one(self) -> None:
        with self.condition:
            self.tickets += 1
            self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.condition.notify_all()
