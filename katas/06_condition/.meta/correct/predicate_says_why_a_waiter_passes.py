"""Correct, written another way: the predicate returns why a waiter may pass (the gate open, or a
ticket), wait_for hands that back, and a ticket is taken in the same hold only for a ticket; both
releases go through one helper that changes the state and notifies in one hold.
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

    def _reason_to_pass(self) -> str:
        """Called only while holding the condition: "open", "ticket", or "" (keep waiting)."""
        if self.opened:
            return "open"
        if self.tickets > 0:
            return "ticket"
        return ""

    def wait(self, timeout: float | None = None) -> bool:
        """Block until a ticket is there (use it up) or the gate is open; True, or False on timeout."""
        with self.condition:
            reason = self.condition.wait_for(self._reason_to_pass, timeout)
            if reason == "ticket":
                self.tickets -= 1
            return bool(reason)

    def _release(self, *, everyone: bool) -> None:
        """Change the state and wake the right number of waiters, all in one hold."""
        with self.condition:
            if everyone:
                self.opened = True
                self.condition.notify_all()
            else:
                self.tickets += 1
                self.condition.notify()

    def release_one(self) -> None:
        """Let exactly one waiter through, now or, if nobody waits, the next one that comes."""
        self._release(everyone=False)

    def release_all(self) -> None:
        """Open the gate for good: every waiter passes, now and later."""
        self._release(everyone=True)


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
