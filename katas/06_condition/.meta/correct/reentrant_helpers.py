"""Correct: helpers that take the (re-entrant) condition again while wait() already holds it."""

from __future__ import annotations

import threading


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False

    def _ready(self) -> bool:
        with self.condition:
            return self.opened or self.tickets > 0

    def _take(self) -> None:
        with self.condition:
            if not self.opened:
                self.tickets -= 1

    def wait(self, timeout: float | None = None) -> bool:
        with self.condition:
            ready = self.condition.wait_for(self._ready, timeout)
            if ready:
                self._take()
            return ready

    def release_one(self) -> None:
        with self.condition:
            self.tickets += 1
            self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.condition.notify_all()
