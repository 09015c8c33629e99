"""Correct: tickets and opened are properties over private fields; wait(0) checks once without
sleeping; the condition is built over a plain Lock."""
from __future__ import annotations
import threading


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition(threading.Lock())
        self._tickets = 0
        self._opened = False

    @property
    def tickets(self) -> int:
        return self._tickets

    @tickets.setter
    def tickets(self, value: int) -> None:
        self._tickets = value

    @property
    def opened(self) -> bool:
        return self._opened

    @opened.setter
    def opened(self, value: bool) -> None:
        self._opened = value

    def _ready(self) -> bool:
        return self._opened or self._tickets > 0

    def wait(self, timeout: float | None = None) -> bool:
        with self.condition:
            if timeout == 0:
                ready = self._ready()
            else:
                ready = self.condition.wait_for(self._ready, timeout)
            if not ready:
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
