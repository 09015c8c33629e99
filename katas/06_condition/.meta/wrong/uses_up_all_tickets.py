"""Wrong: a waiter that passes sets tickets = 0, using up every ticket, not one.

expect: test_release_before_anyone_waits_is_not_lost[two-releases-then-three-waiters] -> TICKETS_OVERUSED
expect: test_releases_in_a_row_let_as_many_waiters_through -> TICKETS_OVERUSED
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
            if not self.condition.wait_for(lambda: self.opened or self.tickets > 0, timeout):
                return False
            if not self.opened:
                self.tickets = 0
            return True

    def release_one(self) -> None:
        with self.condition:
            self.tickets += 1
            self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.condition.notify_all()
