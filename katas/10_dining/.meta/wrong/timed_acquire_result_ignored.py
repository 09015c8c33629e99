"""Wrong: a timed acquire of the second fork whose result is ignored.

The philosopher takes its lower-numbered fork first (a correct order), then, "to be safe",
waits for its other fork only one second with acquire(timeout=1.0) and eats whatever that
returns. When a neighbour eats for longer than a second, the philosopher eats holding one fork
only, at the same time as that neighbour, then release()s the fork it never got, under the
neighbour; when the neighbour puts that fork down, release() raises RuntimeError (unlocked lock),
its thread dies with meals uneaten, and dine() still returns as if all went well.

expect: test_dine_never_lets_neighbours_eat_at_once[five] -> PUT_DOWN_NOT_HELD
"""

from __future__ import annotations

import threading
from typing import Callable


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat: Callable[[int], object] = no_eat) -> None:
    """Eat `meals` times, each time holding forks[i] and forks[(i + 1) % len(forks)]."""
    n = len(forks)
    a, b = i, (i + 1) % n
    first, second = forks[min(a, b)], forks[max(a, b)]
    for _ in range(meals):
        if first is second:  # a table of one: both forks are the same fork
            with first:
                eat(i)
            continue
        with first:
            second.acquire(timeout=1.0)  # never wait for ever
            try:
                eat(i)
            finally:
                second.release()


def dine(n: int = 5, meals: int = 3, eat: Callable[[int], object] = no_eat) -> None:
    """Seat `n` philosophers at a table of `n` forks; return once each has eaten `meals` times."""
    forks = [threading.Lock() for _ in range(n)]
    threads = [
        threading.Thread(target=philosopher, args=(i, forks, meals, eat), name=f"philosopher-{i}")
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    # The moment a deadlock needs, made to happen rather than hoped for: each philosopher, once
    # it has picked up its first fork, waits until every philosopher holds a fork or waits for
    # one; only then may anyone pick up a second. A fork here is a Lock that tells who holds it
    # and who waits for it.
    n, meals = 5, 3
    table = threading.Condition()
    held: dict[str, list[int]] = {}  # the forks each philosopher holds
    doing: dict[str, str] = {}  # what each philosopher does now, in words
    left: list[str] = []  # the philosophers who have left the table
    go = threading.Event()

    def say(me: str, more: str = "") -> None:
        """Put in words what `me` does now (holding `table`)."""
        mine = " and ".join(f"fork {k}" for k in held[me]) or "no fork"
        doing[me] = f"{me} holds {mine}{more}"
        table.notify_all()

    class Fork:
        def __init__(self, number: int) -> None:
            self.number = number
            self.lock = threading.Lock()

        def acquire(self, *args, **kwargs) -> bool:
            me = threading.current_thread().name
            with table:
                first = not held.setdefault(me, [])
                say(me, f" and waits for fork {self.number}")
            got = self.lock.acquire(*args, **kwargs)
            with table:
                held[me].extend([self.number] if got else [])  # a fork not got is not held
                say(me)
            if first:
                go.wait()  # until the moment has been seen
            return got

        def release(self) -> None:
            self.lock.release()
            me = threading.current_thread().name
            with table:
                held[me].remove(self.number)
                say(me)

        def __enter__(self) -> bool:
            return self.acquire()

        def __exit__(self, *exc: object) -> None:
            self.release()

    forks = [Fork(k) for k in range(n)]
    eaten: list[int] = []

    def seat(i: int) -> None:
        try:
            philosopher(i, forks, meals, eaten.append)
        finally:
            with table:
                left.append(threading.current_thread().name)
                table.notify_all()

    threads = [
        threading.Thread(target=seat, args=(i,), name=f"philosopher-{i}", daemon=True)
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    with table:
        table.wait_for(lambda: len(doing.keys() | set(left)) == n, timeout=1)
        print("The moment every philosopher has reached for a fork:")
        print("  " + "\n  ".join(doing.values()))
    go.set()
    with table:
        everyone = table.wait_for(lambda: len(left) == n, timeout=2)
    assert everyone, "a deadlock, each waiting for the next: " + "; ".join(doing.values())
    for thread in threads:
        thread.join()
    print("Then they ate, in this order:", " ".join(map(str, eaten)))
    assert sorted(eaten) == sorted(list(range(n)) * meals), f"not {meals} meals each: {eaten}"
    assert not any(fork.lock.locked() for fork in forks), "a fork was left held"
    print(f"Each of the {n} philosophers ate {meals} times; every fork is back on the table.")
