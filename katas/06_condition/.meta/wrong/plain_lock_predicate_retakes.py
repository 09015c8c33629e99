"""Wrong: the condition is built over a plain Lock, and the predicate helper takes the
condition again while wait_for() already holds it: the first wait() waits for itself forever.

expect: test_one_release_lets_exactly_one_waiter_through -> SELF_DEADLOCK
expect: test_release_all_lets_every_present_and_future_waiter_through -> SELF_DEADLOCK
"""
from __future__ import annotations
import threading


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition(threading.Lock())
        self.tickets = 0
        self.opened = False

    def _ready(self) -> bool:
        with self.condition:
            return self.opened or self.tickets > 0

    def wait(self, timeout: float | None = None) -> bool:
        with self.condition:
            if not self.condition.wait_for(self._ready, timeout):
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
