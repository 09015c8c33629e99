"""Wrong: the gate counts its sleepers to notify only when someone sleeps, and release_one()
counts out the waiter it wakes; but a waiter counts itself only before its first sleep. When a
thread coming later takes the ticket of a woken waiter, that waiter sleeps again uncounted,
and a later release_one() adds a ticket beside it without waking it.

expect: test_releases_after_a_late_comer_took_a_woken_waiters_ticket_let_every_waiter_through -> WAKEUP_LOST_AFTER_A_LATE_COMER
"""

from __future__ import annotations

import threading
import time


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False
        self.sleepers = 0

    def wait(self, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        with self.condition:
            if not (self.opened or self.tickets > 0):
                self.sleepers += 1  # release_one() counts me out when it wakes me
            while not (self.opened or self.tickets > 0):
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    self.sleepers = max(0, self.sleepers - 1)
                    return False
                self.condition.wait(left)
            if not self.opened:
                self.tickets -= 1
            return True

    def release_one(self) -> None:
        with self.condition:
            self.tickets += 1
            if self.sleepers:
                self.sleepers -= 1
                self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.sleepers = 0
            self.condition.notify_all()
