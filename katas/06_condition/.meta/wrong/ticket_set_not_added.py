"""Wrong: release_one() sets tickets = 1 instead of adding one, so two releases made
in a row let only one waiter through, whether or not anybody waits.

expect: test_release_before_anyone_waits_is_not_lost[two-releases-then-three-waiters] -> RELEASES_NOT_COUNTED
expect: test_releases_in_a_row_let_as_many_waiters_through -> RELEASES_NOT_COUNTED
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
            self.tickets = 1
            self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.condition.notify_all()
