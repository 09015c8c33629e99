"""Correct: wait_for with a predicate method, acquire()/release() in try/finally, over a plain Lock,
and a release_all that notifies as many as are waiting, one notify(n) call."""

from __future__ import annotations

import threading


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition(threading.Lock())
        self.tickets = 0
        self.opened = False
        self.waiting = 0

    def _can_pass(self) -> bool:
        return self.opened or self.tickets > 0

    def wait(self, timeout: float | None = None) -> bool:
        self.condition.acquire()
        try:
            self.waiting += 1
            try:
                passed = self.condition.wait_for(self._can_pass, timeout)
            finally:
                self.waiting -= 1
            if passed and not self.opened:
                self.tickets -= 1
            return passed
        finally:
            self.condition.release()

    def release_one(self) -> None:
        self.condition.acquire()
        try:
            self.tickets += 1
            self.condition.notify(1)
        finally:
            self.condition.release()

    def release_all(self) -> None:
        self.condition.acquire()
        try:
            self.opened = True
            self.condition.notify(self.waiting)
        finally:
            self.condition.release()
