"""Wrong: acquire(timeout) keeps its deadline on the wall clock, time.time(), which jumps when
the machine's clock is set: set back while it waits, the timed acquire waits that much longer.
The lesson asks for time.monotonic().

expect: test_timed_acquire_keeps_its_deadline_when_the_wall_clock_is_set_back -> WALL_CLOCK_DEADLINE
"""

from __future__ import annotations

import threading
import time


class Semaphore:
    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._value = value
        self._cond = threading.Condition(threading.Lock())

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        with self._cond:
            deadline = None if timeout is None else time.time() + timeout
            while self._value == 0:
                if not blocking:
                    return False
                if deadline is None:
                    self._cond.wait()
                    continue
                left = deadline - time.time()
                if left <= 0:
                    return False
                self._cond.wait(left)
            self._value -= 1
            return True

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value: int = 1) -> None:
        super().__init__(value)
        self._bound = value

    def release(self, n: int = 1) -> None:
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            if self._value + n > self._bound:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


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
