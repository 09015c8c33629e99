"""Wrong: release_all() hands a ticket to each thread waiting now instead of opening the gate
for good: threads that come later stay blocked.

expect: test_release_all_lets_every_present_and_future_waiter_through[three-coming-later] -> FUTURE_BLOCKED
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
            self.tickets += 1
            self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            self.tickets += self.waiting
            self.condition.notify_all()
