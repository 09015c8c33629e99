"""Wrong: the asymmetric cure is hard-coded to philosopher 4.

The lesson says that letting one philosopher pick up its forks the other way round breaks the
circle; this version lets philosopher 4 (the last one at the default table of five) do so,
instead of philosopher n - 1. At tables of five or more some philosopher still reverses, so it
never deadlocks there, but at tables of two, three or four nobody is numbered 4: everyone is
left-fork-first and, once every philosopher holds its left fork, the table deadlocks for good.

expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork[two] -> CYCLE
expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork[three] -> CYCLE
expect: test_dine_never_deadlocks_when_each_philosopher_has_picked_up_one_fork[three] -> DINE_STUCK
"""

from __future__ import annotations

import threading
from typing import Callable


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat: Callable[[int], object] = no_eat) -> None:
    """Eat `meals` times, each time holding forks[i] and forks[(i + 1) % len(forks)]."""
    left, right = forks[i], forks[(i + 1) % len(forks)]
    if left is right:  # a table of one: both forks are the same fork
        for _ in range(meals):
            with left:
                eat(i)
        return
    # The last philosopher picks up its right fork first: that breaks the circle.
    first, second = (right, left) if i == 4 else (left, right)
    for _ in range(meals):
        with first:
            with second:
                eat(i)


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
