"""Correct: a while loop with the remaining time from time.monotonic(); wait(0) never sleeps;
an opened gate is seen without taking the condition (opened is only ever set, once);
release_all notifies with notify(n) for a huge n."""
from __future__ import annotations
import threading
import sys
import time


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False

    def wait(self, timeout: float | None = None) -> bool:
        if self.opened:  # set for good: no need to lock to see it
            return True
        with self.condition:
            if timeout is None:
                while not (self.opened or self.tickets):
                    self.condition.wait()
            else:
                end = time.monotonic() + timeout
                while not (self.opened or self.tickets):
                    remaining = end - time.monotonic()
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
            self.opened = True
            self.condition.notify(sys.maxsize)
