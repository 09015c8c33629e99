"""Wrong: wait() checks the state once and returns False at once instead of
sleeping until a release.

expect: test_one_release_lets_exactly_one_waiter_through -> GAVE_UP
expect: test_release_all_lets_every_present_and_future_waiter_through[three-waiting] -> GAVE_UP
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
