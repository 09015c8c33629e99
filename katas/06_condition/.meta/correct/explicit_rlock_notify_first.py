"""Correct: a Condition over an explicit RLock; wait_for with a bound-method predicate and a
keyword timeout; the releases notify before they change the state (both inside the lock)."""
from __future__ import annotations
import threading


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition(threading.RLock())
        self.tickets = 0
        self.opened = False

    def _may_pass(self) -> bool:
        return self.opened or self.tickets >= 1

    def wait(self, timeout: float | None = None) -> bool:
        with self.condition:
            passed = self.condition.wait_for(self._may_pass, timeout=timeout)
            if passed and not self.opened:
                self._use_ticket()
            return bool(passed)

    def _use_ticket(self) -> None:
        self.tickets = self.tickets - 1

    def release_one(self) -> None:
        with self.condition:
            self.condition.notify()
            self.tickets += 1

    def release_all(self) -> None:
        with self.condition:
            self.condition.notify_all()
            self.opened = True
