"""Wrong: a non-blocking acquire tries the condition's lock without waiting for it, so it returns
False whenever another thread is inside for an instant, even with a slot free.

expect: test_semaphore_is_right_when_threads_switch_between_instructions[a-user-and-a-looker-two-slots-coin-2] -> REFUSED_WITH_A_SLOT_FREE
"""

from __future__ import annotations

import threading
import time


class Semaphore:
    """A counter of free slots: acquire() takes one, waiting while there is none; release(n)
    gives n back."""

    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError(f"a semaphore's initial value must be >= 0, not {value}")
        # The count, guarded by the Condition's lock; waiters sleep in the Condition. Its lock is
        # the default RLock, so BoundedSemaphore.release can hold it around Semaphore.release.
        self._condition = threading.Condition()
        self._value = value

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        """Take one slot and return True; False if none came free in time (nothing taken)."""
        if not blocking:
            if not self._condition.acquire(False):
                return False
            try:
                if self._value == 0:
                    return False
                self._value -= 1
                return True
            finally:
                self._condition.release()
        # The deadline is computed once: a wake-up with nothing for us must not restart it.
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._condition:
            # `while`, not `if`: a wake-up is not a slot. Another thread may have taken the slot
            # between the notify and this thread getting the lock back, or nothing was released
            # at all. Check the count again after every wake-up.
            while self._value == 0:
                if deadline is None:
                    self._condition.wait()
                    continue
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False  # the time is up: nothing taken
                self._condition.wait(remaining)
            self._value -= 1
            return True

    def release(self, n: int = 1) -> None:
        """Give back `n` slots, and wake up to `n` waiters, one for each."""
        if n < 1:
            raise ValueError(f"n must be one or more, not {n}")
        with self._condition:
            self._value += n
            # notify(n), not notify(): n slots can let n waiters through. A waiter woken in vain
            # goes back to sleep (the `while` above), so waking more would be safe, only slower.
            self._condition.notify(n)

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class BoundedSemaphore(Semaphore):
    """A Semaphore that refuses, with ValueError, a release past its initial value."""

    def __init__(self, value: int = 1) -> None:
        super().__init__(value)
        self._initial = value

    def release(self, n: int = 1) -> None:
        with self._condition:
            # Check before changing anything: a release that raises leaves the count as it was
            # and wakes nobody. The check and the change are one critical section: no other
            # release can come between them.
            if self._value + n > self._initial:
                raise ValueError("semaphore released too many times")
            super().release(n)


def demo() -> None:
    """Six cars and a car park of three places, whose gate is a BoundedSemaphore(3)."""
    places = BoundedSemaphore(3)
    parked: list[str] = []
    most = 0
    guard = threading.Condition()  # guards parked and most
    leave = threading.Event()

    def car() -> None:
        nonlocal most
        name = threading.current_thread().name
        with places:
            with guard:
                parked.append(name)
                most = max(most, len(parked))
                print(f"{name} parks ({len(parked)} of 3 places taken)")
                guard.notify_all()
            leave.wait()
            with guard:
                parked.remove(name)

    cars = [threading.Thread(target=car, name=f"car {i}", daemon=True) for i in range(6)]
    for one in cars:
        one.start()
    with guard:
        guard.wait_for(lambda: len(parked) >= 3, timeout=1)
    print("full: a car that will not wait gets a place:", places.acquire(blocking=False))
    print("full: a car that waits 0.05 s gets a place:", places.acquire(timeout=0.05))
    leave.set()
    for one in cars:
        one.join(1)
    stuck = [one.name for one in cars if one.is_alive()]
    print(f"at most {most} cars were parked at once (3 places); still waiting: {stuck or 'none'}")
    refused = []
    try:
        places.release()  # every place is free: nobody acquired what this gives back
    except ValueError as exc:
        refused.append(f"ValueError: {exc}")
    print("a release with every place free:", "; ".join(refused) or "accepted (it must be refused)")


if __name__ == "__main__":
    demo()
