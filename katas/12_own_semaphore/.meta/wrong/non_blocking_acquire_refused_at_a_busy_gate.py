"""Wrong: two Locks and no Condition: a gate Lock, locked while no slot is free, and a mutex
around the count. A non-blocking acquire that finds the gate held by a blocking taker on its
way returns False, even with a second slot free (threading.Semaphore's would take it).

expect: test_semaphore_is_right_when_threads_switch_between_instructions[a-user-and-a-looker-two-slots-coin-1] -> REFUSED_WITH_A_SLOT_FREE
Kata 12: your own semaphore, built from a Condition.

A semaphore is a count of free slots. `acquire()` takes one, waiting while there is none;
`release(n)` gives n back and lets up to n waiting threads through. Build `Semaphore` and
`BoundedSemaphore` yourself, from a `threading.Condition` (never from a ready-made semaphore or
queue, such as threading.Semaphore or queue.Queue), with the behaviour of threading's own:

- `Semaphore(value=1)` has `value` free slots; a value below 0 raises ValueError.
- `acquire(blocking=True, timeout=None)` takes one slot and returns True. When none is free:
  with blocking=False it returns False at once; otherwise it waits until a release frees one,
  at most `timeout` seconds (None: no limit), and returns False when the time is up. Whenever
  it returns False, it has taken nothing.
- `release(n=1)` adds n slots (n below 1 raises ValueError) and lets up to n waiters through,
  also when it comes before they wait.
- `with semaphore:` acquires on entry (`__enter__` returns True) and releases on exit.
- `BoundedSemaphore(value=1)` is a Semaphore whose release raises ValueError, changing nothing,
  when it would take the count past `value`.

Run the tests with `pytest katas/12_own_semaphore`; run the demo with
`python katas/12_own_semaphore/semaphore.py`.
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
        self._mutex = threading.Lock()  # guards _value
        self._gate = threading.Lock()  # locked exactly while _value == 0 (or a taker holds it)
        self._value = value
        if value == 0:
            self._gate.acquire()

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        """Take one slot and return True; False if none came free in time (nothing taken)."""
        if not blocking or (timeout is not None and timeout <= 0):
            return self._try()
        if not (self._gate.acquire() if timeout is None else self._gate.acquire(True, timeout)):
            return False
        self._taken_at_the_gate()
        return True

    def _try(self) -> bool:
        """Take a slot without waiting, if one is free."""
        with self._mutex:
            if self._gate.acquire(False):  # the gate was open: a slot is free
                self._value -= 1
                if self._value > 0:
                    self._gate.release()
                return True
            return False

    def _taken_at_the_gate(self) -> None:
        """Holding the gate: take the slot it let us through for."""
        with self._mutex:
            self._value -= 1
            if self._value > 0:
                self._gate.release()  # slots left: keep the gate open for the next one

    def release(self, n: int = 1) -> None:
        """Give back `n` slots (ValueError if n < 1), and let up to `n` waiters through."""
        if n < 1:
            raise ValueError("n must be one or more")
        with self._mutex:
            self._add(n)

    def _add(self, n: int) -> None:
        """Holding the mutex: add n slots, opening the gate if it was shut for want of one."""
        was = self._value
        self._value = was + n
        if was == 0:
            self._gate.release()

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
        with self._mutex:
            if self._value + n > self._bound:
                raise ValueError("Semaphore released too many times")
            self._add(n)


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
