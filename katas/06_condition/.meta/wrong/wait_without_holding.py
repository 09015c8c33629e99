"""Wrong: wait() calls wait_for() without taking the condition first (RuntimeError:
cannot wait on un-acquired lock).

expect: test_one_release_lets_exactly_one_waiter_through -> WAIT_RAISED
expect: test_one_release_lets_exactly_one_waiter_through -> NOT_HELD
"""

from __future__ import annotations

import threading


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False

    def wait(self, timeout: float | None = None) -> bool:
        if not self.condition.wait_for(lambda: self.opened or self.tickets > 0, timeout):
            return False
        with self.condition:
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
