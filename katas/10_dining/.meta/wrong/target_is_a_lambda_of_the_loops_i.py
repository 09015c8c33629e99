"""Wrong: dine hands each thread `target=lambda: philosopher(i, forks, meals, eat)`. The lambda
reads i when its thread runs, not when it was made: the threads, made first and started
after, all run as the last philosopher, so every meal is philosopher n - 1's.

expect: test_dine_runs_philosopher_i_in_a_thread_named_philosopher_i -> SAME_I_IN_THREADS
"""

from __future__ import annotations

import threading
from typing import Callable


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat: Callable[[int], object] = no_eat) -> None:
    """Eat `meals` times, each time holding forks[i] and forks[(i + 1) % len(forks)]."""
    # The cure is an order on the forks: every philosopher picks up the lower-numbered of its
    # two forks first. A circle of waits would need someone holding a higher-numbered fork
    # while waiting for a lower one, and nobody ever does: so no circle, and no deadlock. (Only
    # the last philosopher, whose forks are n - 1 and 0, picks up "the other way round".)
    first, second = sorted((i, (i + 1) % len(forks)))
    for _ in range(meals):
        # Both forks are held for the whole of eat(i), and both are put down after each meal,
        # however eat ends, so that the neighbours get their turn.
        with forks[first], forks[second]:
            eat(i)


def dine(n: int = 5, meals: int = 3, eat: Callable[[int], object] = no_eat) -> None:
    """Seat `n` philosophers at a table of `n` forks; return once each has eaten `meals` times."""
    # One Lock per fork, made once and shared: philosopher i's forks[i + 1] is the very lock
    # that philosopher i + 1 calls forks[i + 1].
    forks = [threading.Lock() for _ in range(n)]
    threads = [
        threading.Thread(target=lambda: philosopher(i, forks, meals, eat), name=f"philosopher-{i}")
        for i in range(n)
    ]
    # All at the table before anyone is waited for: that is what lets them eat at the same time.
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
