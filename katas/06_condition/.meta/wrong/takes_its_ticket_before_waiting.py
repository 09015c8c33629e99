"""Wrong: wait takes its ticket before it waits (gate.tickets below 0 counts the waiters), then
waits for the count to be back at 0: one release_one() among two waiters lets neither through.

expect: test_one_release_lets_exactly_one_waiter_through -> TICKETS_BELOW_ZERO
"""

from __future__ import annotations

import threading


class Gate:
    """Holds threads in wait() until release_one() lets one through or release_all() opens it."""

    def __init__(self) -> None:
        """Given: do not change it."""
        self.condition = threading.Condition()
        self.tickets = 0  # releases not yet used by a waiter
        self.opened = False  # set for good by release_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until a ticket is there (use it up) or the gate is open; True, or False on timeout."""
        with self.condition:
            if self.opened:
                return True
            self.tickets -= 1
            if not self.condition.wait_for(lambda: self.opened or self.tickets >= 0, timeout):
                self.tickets += 1
                return False
            if self.opened:
                self.tickets += 1
            return True

    def release_one(self) -> None:
        """Let exactly one waiter through, now or, if nobody waits, the next one that comes."""
        with self.condition:
            # The ticket is the state that outlives the notification.
            self.tickets += 1
            self.condition.notify()

    def release_all(self) -> None:
        """Open the gate for good: every waiter passes, now and later."""
        with self.condition:
            self.opened = True
            # notify() would wake only one; every waiter must wake up to see the open gate.
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
