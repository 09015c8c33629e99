"""Correct: wait() is a while loop around condition.wait(remaining) with a deadline from
time.monotonic(); release_all() opens the gate only once and does nothing when it is open
already (every waiter was woken the first time)."""

from __future__ import annotations

import threading
import time


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False

    def wait(self, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        with self.condition:
            while not (self.opened or self.tickets > 0):
                if deadline is None:
                    self.condition.wait()
                    continue
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self.condition.wait(remaining)
            if not self.opened:
                self.tickets -= 1
            return True

    def release_one(self) -> None:
        with self.condition:
            self.tickets += 1
            self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            if self.opened:
                return
            self.opened = True
            self.condition.notify_all()
