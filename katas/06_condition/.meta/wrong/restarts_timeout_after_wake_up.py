"""Wrong: a while loop that waits the full timeout again after every empty wake-up: with
wake-ups coming more often than the timeout, wait() never times out.

expect: test_wait_after_an_empty_wake_up_keeps_its_deadline -> DEADLINE_RESTARTED
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
            while not (self.opened or self.tickets > 0):
                if not self.condition.wait(timeout):
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
