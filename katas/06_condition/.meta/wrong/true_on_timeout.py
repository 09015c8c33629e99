"""Wrong: wait() returns True even when wait_for() timed out.

expect: test_timed_out_wait_returns_false_and_consumes_nothing -> TIMEOUT_NOT_FALSE
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
            self.condition.wait_for(lambda: self.opened or self.tickets > 0, timeout)
            if not self.opened and self.tickets > 0:
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
