"""Wrong: release() notifies only when the count goes up from 0 ("a count above 0 means nobody
sleeps"). A waiter that was woken has not taken its slot until it runs, so two release() calls
before it runs give two slots and one wake-up: the second waiter sleeps beside a free slot.
Where the test's checks pass, its clearing up (a release for each waiter, in a row) strands a
waiter the same way, and that is what a student sees first.

expect: test_releases_in_a_row_let_as_many_waiters_through -> WAKEUP_SKIPPED
expect: test_release_n_lets_exactly_n_waiters_through[Semaphore-three-waiters-release-1] -> STRANDED
"""

from __future__ import annotations

import threading
import time


class Semaphore:
    """A count of free slots: acquire() takes one, waiting while there is none; release(n)
    gives n back."""

    def __init__(self, value: int = 1) -> None:
        """`value` free slots; ValueError if value < 0."""
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = threading.Condition()
        self._value = value

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        """Take one slot and return True; False if none came free in time (nothing taken)."""
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        with self._cond:
            deadline = None if timeout is None else time.monotonic() + timeout
            while self._value == 0:
                if not blocking:
                    return False
                if deadline is None:
                    self._cond.wait()
                else:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return False
                    self._cond.wait(left)
            self._value -= 1
            return True

    def release(self, n: int = 1) -> None:
        """Give back `n` slots (ValueError if n < 1), and let up to `n` waiters through."""
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            was_empty = self._value == 0
            self._value += n
            if was_empty:  # a count above 0 means nobody is waiting
                self._cond.notify(n)

    def __enter__(self) -> bool:
        """`with semaphore:` takes a slot for the block; returns what acquire() returns."""
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        """Gives the slot back after the block, also when it raised (the exception goes on)."""
        self.release()


class BoundedSemaphore(Semaphore):
    """A Semaphore that refuses, with ValueError, a release past its initial value."""

    def __init__(self, value: int = 1) -> None:
        """A Semaphore of `value` slots that remembers `value` as its bound."""
        super().__init__(value)
        self._bound = value

    def release(self, n: int = 1) -> None:
        """Semaphore.release, but ValueError, changing nothing, if the count would pass the
        bound."""
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            if self._value + n > self._bound:
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
