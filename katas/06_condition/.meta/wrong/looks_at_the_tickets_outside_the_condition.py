"""Wrong: wait(0) takes a fast path that checks self.tickets outside the condition, then takes
the ticket inside it: two threads that look at once both see the one ticket, both pass, and
leave -1 ticket.

expect: test_gate_is_right_when_threads_switch_between_instructions[one-ticket-two-looks-in-step] -> RACED
"""

from __future__ import annotations

import threading


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False

    def wait(self, timeout: float | None = None) -> bool:
        if timeout == 0:
            # non-blocking try: no need to sleep, just look
            if self.opened:
                return True
            if self.tickets > 0:
                with self.condition:
                    self.tickets -= 1
                return True
            return False
        with self.condition:
            if not self.condition.wait_for(lambda: self.opened or self.tickets > 0, timeout):
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
