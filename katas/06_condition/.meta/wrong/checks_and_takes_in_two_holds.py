"""Wrong: wait() finds a ticket in one hold of the condition and uses it up in a second one
(inside the condition both times): a waiter coming in between finds the same ticket.

expect: test_two_waiters_never_pass_on_one_ticket -> TICKET_SHARED
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
            opened = self.opened
        if not opened:
            with self.condition:
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
