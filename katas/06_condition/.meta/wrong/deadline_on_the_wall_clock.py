"""Wrong: wait(timeout) keeps its deadline on the wall clock, time.time(), which jumps when the
machine's clock is set: set back while it waits, the wait sleeps that much longer. The lesson
asks for time.monotonic().

expect: test_wait_keeps_its_deadline_when_the_wall_clock_is_set_back -> WALL_CLOCK_DEADLINE
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
        with self.condition:
            deadline = None if timeout is None else time.time() + timeout
            while not (self.opened or self.tickets > 0):
                if deadline is None:
                    self.condition.wait()
                    continue
                left = deadline - time.time()
                if left <= 0:
                    return False
                self.condition.wait(left)
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
    """The original example: receivers wait, a sender lets one through, then all of them."""
    gate = Gate()
    passed: list[str] = []  # the receivers that passed, in order
    arrived = threading.Condition()  # guards passed
    first: list[str] = []  # who passed after release_one(), as the sender saw it

    def receiver() -> None:
        gate.wait()
        with arrived:
            passed.append(threading.current_thread().name)
            arrived.notify_all()

    def sender() -> None:
        print("sender: release_one()")
        gate.release_one()
        with arrived:
            arrived.wait_for(lambda: passed, timeout=2)
            first.extend(passed)
        print(f"{', '.join(first) or 'nobody'} passed")
        print("sender: release_all()")
        gate.release_all()

    receivers = [threading.Thread(target=receiver, name=f"receiver {i}", daemon=True) for i in range(3)]
    threads = [*receivers, threading.Thread(target=sender, name="sender", daemon=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(4)
    for name in passed[len(first) :]:
        print(f"{name} passed")
    stuck = [thread.name for thread in threads if thread.is_alive()]
    assert first, "nobody passed within 2 s of release_one()"
    assert not stuck, f"still waiting after release_all(): {', '.join(stuck)}"

if __name__ == "__main__":
    demo()
