"""Wrong: release_all() calls notifyAll(), as the original example did:
deprecated since Python 3.10.

expect: test_gate_never_calls_the_deprecated_notifyAll -> DEPRECATED_NOTIFYALL
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
            self.condition.notifyAll()
