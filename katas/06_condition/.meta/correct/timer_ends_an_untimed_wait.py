"""Correct: the timeout is a threading.Timer that sets a flag and notifies; the waiter sleeps in
condition.wait() without a timeout and gives up when it sees the flag; the timer is cancelled
and joined."""
from __future__ import annotations

import threading


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False

    def wait(self, timeout: float | None = None) -> bool:
        expired = []

        def expire() -> None:
            with self.condition:
                expired.append(True)
                self.condition.notify_all()

        timer = None
        if timeout is not None:
            timer = threading.Timer(timeout, expire)
            timer.daemon = True
            timer.start()
        try:
            with self.condition:
                while not (self.opened or self.tickets > 0):
                    if expired:
                        return False
                    self.condition.wait()
                if not self.opened:
                    self.tickets -= 1
                return True
        finally:
            if timer is not None:
                timer.cancel()
                timer.join()

    def release_one(self) -> None:
        with self.condition:
            self.tickets += 1
            self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.condition.notify_all()
