"""Wrong: release_one() adds a ticket only when someone is waiting, so a release made
before anyone waits is lost.

expect: test_release_before_anyone_waits_is_not_lost -> RELEASES_NOT_COUNTED
"""
from __future__ import annotations
import threading


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False
        self.waiting = 0

    def wait(self, timeout: float | None = None) -> bool:
        with self.condition:
            self.waiting += 1
            try:
                if not self.condition.wait_for(lambda: self.opened or self.tickets > 0, timeout):
                    return False
            finally:
                self.waiting -= 1
            if not self.opened:
                self.tickets -= 1
            return True

    def release_one(self) -> None:
        with self.condition:
            if self.waiting:
                self.tickets += 1
                self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.condition.notify_all()
