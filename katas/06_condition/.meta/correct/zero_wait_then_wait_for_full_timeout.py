"""Correct: a wait(0) first, then wait_for(predicate, timeout) with the whole timeout: the
deadline counts from a moment after gate.wait() was called, which is still its deadline."""
from __future__ import annotations

import threading


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False

    def _ready(self) -> bool:
        return self.opened or self.tickets > 0

    def wait(self, timeout: float | None = None) -> bool:
        with self.condition:
            if not self._ready():
                self.condition.wait(0)
            if not self._ready() and not self.condition.wait_for(self._ready, timeout):
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
