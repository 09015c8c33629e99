"""Wrong: wait() uses up the ticket after leaving the condition: two waiters can
both pass on one ticket.

expect: test_state_changes_while_holding_the_condition -> STATE_OUTSIDE_LOCK
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
