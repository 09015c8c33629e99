"""Wrong: a while loop that waits the full timeout again after every empty wake-up: with
wake-ups coming more often than the timeout, wait() never times out. A False from
condition.wait(timeout) ends the wait without a look, so a notify() that comes as the time runs
out is lost too.

expect: test_wait_after_an_empty_wake_up_keeps_its_deadline -> DEADLINE_RESTARTED
expect: test_a_release_as_a_wait_times_out_is_not_lost -> NOTIFY_LOST_AT_TIMEOUT
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
            while not (self.opened or self.tickets > 0):
                if not self.condition.wait(timeout):
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
