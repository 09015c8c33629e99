"""Correct: wait(None) waits with threading.TIMEOUT_MAX; the gate counts its sleepers and
release_one notifies only when someone sleeps (the ticket is kept either way); the condition
is taken twice (re-entrant) in wait; a waiter that finds more tickets passes the baton on."""
from __future__ import annotations
import threading


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False
        self._sleepers = 0

    def wait(self, timeout: float | None = None) -> bool:
        if timeout is None:
            timeout = threading.TIMEOUT_MAX
        with self.condition:
            with self.condition:
                self._sleepers += 1
                try:
                    ok = self.condition.wait_for(lambda: self.opened or self.tickets != 0, timeout)
                finally:
                    self._sleepers -= 1
                if not ok:
                    return False
                if not self.opened:
                    self.tickets -= 1
                    if self.tickets and self._sleepers:
                        self.condition.notify()
                return True

    def release_one(self) -> None:
        with self.condition:
            self.tickets += 1
            if self._sleepers:
                self.condition.notify(1)

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.condition.notify_all()
