"""Wrong: the loop checks its deadline before the state, so gate.wait(timeout=0) returns False
though a ticket is already there, and a notify() that comes as the time runs out is lost.

expect: test_release_before_anyone_waits_is_not_lost[one-release-then-wait-with-timeout-zero] -> TICKET_THERE_GAVE_UP
expect: test_a_release_as_a_wait_times_out_is_not_lost -> NOTIFY_LOST_AT_TIMEOUT
"""
from __future__ import annotations

import threading
import time


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False

    def wait(self, timeout: float | None = None) -> bool:
        with self.condition:
            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                if deadline is not None and time.monotonic() >= deadline:
                    return False
                if self.opened:
                    return True
                if self.tickets > 0:
                    self.tickets -= 1
                    return True
                self.condition.wait(None if deadline is None else deadline - time.monotonic())

    def release_one(self) -> None:
        with self.condition:
            self.tickets += 1
            self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.condition.notify_all()
