"""Wrong: release_one() wakes a waiter only when the ticket it adds is the only one, reasoning
that waiters sleep only while there is none. But a waiter woken by the last release may not
have taken its ticket yet: a second release_one() then wakes nobody, and its ticket waits beside
a sleeping thread. (Found in review: no rule released twice while two threads waited.)

expect: test_releases_in_a_row_let_as_many_waiters_through[two-releases-two-waiters] -> WAKEUP_SKIPPED
expect: test_releases_in_a_row_let_as_many_waiters_through[two-releases-three-waiters] -> WAKEUP_SKIPPED
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
            self.tickets += 1
            if self.tickets == 1:
                self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.condition.notify_all()
