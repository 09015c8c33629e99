"""Wrong: release_one() notifies in one hold of the condition and adds the ticket in a second
one: the waiter it woke can look in between, find no ticket, and sleep again, woken by nobody.

expect: test_a_waiter_woken_by_release_one_finds_its_ticket -> NOTIFIED_BEFORE_TICKET
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
                self.tickets -= 1
            return True

    def release_one(self) -> None:
        with self.condition:
            self.condition.notify()
        with self.condition:
            self.tickets += 1

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.condition.notify_all()
