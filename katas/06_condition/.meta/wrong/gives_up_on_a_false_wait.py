"""Wrong: a deadline loop that gives up as soon as condition.wait(remaining) returns False,
without looking at the state again. A release_one() whose notify() picked this thread just as
its time ran out is then lost: the thread returns False, and the ticket stays while another
thread sleeps. (Found in review: no rule made a notify meet a timeout.)

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
            while not (self.opened or self.tickets > 0):
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                if not self.condition.wait(remaining):
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
