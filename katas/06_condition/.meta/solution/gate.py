"""Kata 06: a gate built on a Condition.

Threads call `gate.wait()` and are held there until another thread lets them through:

- `release_one()` adds one ticket and wakes one waiter: exactly one thread passes, and it uses
  up the ticket. A ticket given while nobody waits is kept for the next thread that comes.
- `release_all()` opens the gate for good: every thread waiting now passes, and so does every
  thread that waits later, without using tickets.
- `wait(timeout)` returns True when its thread may pass (it uses up one ticket unless the gate
  is open), and False when `timeout` seconds run out first; then it uses up nothing.

The state (`tickets`, `opened`) is only read and changed while holding `condition`, and waking
a thread is not letting it through: a woken thread checks the state again, and goes back to
sleep when there is nothing for it.

Run the tests with `pytest katas/06_condition`; run the demo with
`python katas/06_condition/gate.py`.
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
            # wait_for checks before sleeping (a release that came first is not lost) and again
            # after every wake-up (a wake-up with nothing for this thread is not a pass).
            if not self.condition.wait_for(lambda: self.opened or self.tickets > 0, timeout):
                return False
            # An open gate lets everyone through; otherwise this thread uses up one ticket.
            if not self.opened:
                self.tickets -= 1
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
