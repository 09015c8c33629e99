"""Wrong: wait() polls the state in a loop instead of sleeping in the condition
(it works, but burns a core per waiter and never sleeps in condition.wait()).

expect: test_one_release_lets_exactly_one_waiter_through -> judge.SPIN
"""

from __future__ import annotations

import threading
import time


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False

    def wait(self, timeout: float | None = None) -> bool:
        end = None if timeout is None else time.monotonic() + timeout
        while end is None or time.monotonic() < end:
            with self.condition:
                if self.opened or self.tickets > 0:
                    if not self.opened:
                        self.tickets -= 1
                    return True
        return False

    def release_one(self) -> None:
        with self.condition:
            self.tickets += 1
            self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.condition.notify_all()
