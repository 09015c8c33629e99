"""Wrong: wait() never uses up the ticket, so one release_one() lets every waiter
through.

expect: test_one_release_lets_exactly_one_waiter_through -> TOO_MANY_PASSED
expect: test_release_before_anyone_waits_is_not_lost[two-releases-then-three-waiters] -> TOO_MANY_PASSED
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
            return self.condition.wait_for(lambda: self.opened or self.tickets > 0, timeout)

    def release_one(self) -> None:
        with self.condition:
            self.tickets += 1
            self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.condition.notify_all()
