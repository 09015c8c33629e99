"""Correct: a while loop that sleeps in slices, wait(min(remaining, 0.01)), with a deadline from
time.perf_counter(): each slice ends before the deadline, though slices do not shrink."""
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
            deadline = None if timeout is None else time.perf_counter() + timeout
            while not (self.opened or self.tickets > 0):
                if deadline is None:
                    self.condition.wait(0.01)
                    continue
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    return False
                self.condition.wait(min(remaining, 0.01))
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
