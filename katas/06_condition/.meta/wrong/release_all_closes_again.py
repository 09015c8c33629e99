"""Wrong: release_all() opens the gate, wakes every waiter and closes it again at once, like a
pulse: the woken waiters find the gate closed and go back to sleep, and later ones wait too.

expect: test_release_all_lets_every_present_and_future_waiter_through -> CLOSED_AGAIN
expect: test_open_gate_consumes_no_ticket -> CLOSED_AGAIN
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
            self.opened = False
