"""Correct: a wait(0) first, then wait_for(predicate, timeout) with the whole timeout: the
deadline counts from a moment after gate.wait() was called, which is still its deadline."""
from __future__ import annotations

import queue
import threading


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False

    def _ready(self) -> bool:
        return self.opened or self.tickets > 0

    def wait(self, timeout: float | None = None) -> bool:
        with self.condition:
            if not self._ready():
                self.condition.wait(0)
            if not self._ready() and not self.condition.wait_for(self._ready, timeout):
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
