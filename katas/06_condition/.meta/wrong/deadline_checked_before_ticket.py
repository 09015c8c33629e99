"""Wrong: the loop checks its deadline before the state, so gate.wait(timeout=0) returns False
though a ticket is already there.

expect: test_release_before_anyone_waits_is_not_lost[one-release-then-wait-with-timeout-zero] -> TICKET_THERE_GAVE_UP
"""
from __future__ import annotations

import queue
import threading
import time


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False

    def wait(self, timeout: float | None = None) -> bool:
        with self.condition:
            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                if deadline is not None and time.monotonic() >= deadline:
                    return False
                if self.opened:
                    return True
                if self.tickets > 0:
                    self.tickets -= 1
                    return True
                self.condition.wait(None if deadline is None else deadline - time.monotonic())

    def release_one(self) -> None:
        with self.condition:
            self.tickets += 1
            self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.condition.notify_all()


def demo() -> None:
    gate = Gate()
    passed: queue.SimpleQueue[str] = queue.SimpleQueue()

    def receiver() -> None:
        gate.wait()
        passed.put(threading.current_thread().name)

    receivers = [threading.Thread(target=receiver, name=f"receiver {i}", daemon=True) for i in range(3)]
    for thread in receivers:
        thread.start()
    gate.release_one()
    print(f"{passed.get()} passed")
    gate.release_all()
    for thread in receivers:
        thread.join()
    while not passed.empty():
        print(f"{passed.get()} passed")


if __name__ == "__main__":
    demo()
