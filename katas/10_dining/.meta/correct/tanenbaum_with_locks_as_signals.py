"""Correct: Tanenbaum's solution with plain Locks: the mutex Lock is made after the forks, and each
philosopher's binary semaphore is a Lock made locked that a neighbour releases when it may eat.

Kata 10: the dining philosophers.

Philosophers sit at a round table with a fork between each two of them: at a table of n,
philosopher i eats with `forks[i]` and `forks[(i + 1) % n]`, and each of those forks is also a
fork of one of its neighbours. So two neighbours can never eat at once, while two philosophers
who share no fork can.

`philosopher(i, forks, meals, eat)` runs in a thread: `meals` times, it picks up both its forks,
calls `eat(i)` while it holds both, and puts both down after.

`dine(n, meals, eat)` makes `n` forks, each a `threading.Lock()`, and `n` threads named
"philosopher-0" ... "philosopher-{n - 1}", each running `philosopher`; it starts them all, then
joins them all.

The philosophers must never deadlock, whatever the moment each one picks up a fork: in
particular when every philosopher has picked up one fork at the same moment.

Run the tests with `pytest katas/10_dining`; run the demo with `python katas/10_dining/dining.py`.
"""

from __future__ import annotations

import threading
from typing import Callable


def no_eat(i: int) -> None:
    """The default eat: return at once."""


THINKING, HUNGRY, EATING = 0, 1, 2


class Monitor:
    def __init__(self, n: int) -> None:
        self.n = n
        self.state = [THINKING] * n
        self.can_eat = [threading.Lock() for _ in range(n)]
        for lock in self.can_eat:
            lock.acquire()  # a binary semaphore at 0

    def test(self, k: int) -> None:  # called holding the mutex
        n = self.n
        if self.state[k] == HUNGRY and EATING not in (self.state[(k - 1) % n], self.state[(k + 1) % n]):
            self.state[k] = EATING
            self.can_eat[k].release()  # up


def philosopher(i: int, forks: list, meals: int, eat: Callable[[int], object] = no_eat,
                mutex=None, monitor: Monitor | None = None) -> None:
    """Eat `meals` times, each time holding forks[i] and forks[(i + 1) % len(forks)]."""
    n = len(forks)
    a, b = sorted((i, (i + 1) % n))
    for _ in range(meals):
        if monitor is not None:
            with mutex:
                monitor.state[i] = HUNGRY
                monitor.test(i)
            monitor.can_eat[i].acquire()  # down: wait until a neighbour says so
        with forks[a]:
            with forks[b]:
                eat(i)
        if monitor is not None:
            with mutex:
                monitor.state[i] = THINKING
                monitor.test((i - 1) % n)
                monitor.test((i + 1) % n)


def dine(n: int = 5, meals: int = 3, eat: Callable[[int], object] = no_eat) -> None:
    """Seat `n` philosophers at a table of `n` forks; return once each has eaten `meals` times."""
    forks = [threading.Lock() for _ in range(n)]
    mutex = threading.Lock()
    monitor = Monitor(n)
    threads = [threading.Thread(target=philosopher, args=(i, forks, meals, eat, mutex, monitor),
                                name=f"philosopher-{i}") for i in range(n)]
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
