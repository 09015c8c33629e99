"""Wrong: a left-fork-first philosopher that goes through one table-wide lock, held while it
eats, whenever a neighbour sits at the table too. Two philosophers who share no fork, alone at
the table, eat at once, but a full table eats one philosopher at a time.

expect: test_dine_never_has_a_philosopher_wait_for_a_lock_held_by_a_non_neighbour_who_eats -> WAITS_FOR_AN_EATER
"""

from __future__ import annotations

import threading
from typing import Callable


def no_eat(i: int) -> None:
    """The default eat: return at once."""


_GUARD = threading.RLock()
_SEATED: dict = {}
_TABLE: dict = {}


def philosopher(i, forks, meals, eat=no_eat):
    n = len(forks)
    key = id(forks)
    with _GUARD:
        _SEATED.setdefault(key, set()).add(i)
        table = _TABLE.setdefault(key, threading.RLock())
    left, right = forks[i], forks[(i + 1) % n]
    try:
        for _ in range(meals):
            with _GUARD:
                crowded = bool({(i - 1) % n, (i + 1) % n} - {i} & _SEATED[key])
            if not crowded:
                left.acquire()
                with _GUARD:
                    crowded = bool({(i - 1) % n, (i + 1) % n} - {i} & _SEATED[key])
                if not crowded:
                    try:
                        with right:
                            eat(i)
                    finally:
                        left.release()
                    continue
                left.release()  # a neighbour came meanwhile: go through the table lock
            with table:
                with left, right:
                    eat(i)
    finally:
        with _GUARD:
            _SEATED[key].discard(i)


def dine(n: int = 5, meals: int = 3, eat: Callable[[int], object] = no_eat) -> None:
    """Seat `n` philosophers at a table of `n` forks; return once each has eaten `meals` times."""
    # One Lock per fork, made once and shared: philosopher i's forks[i + 1] is the very lock
    # that philosopher i + 1 calls forks[i + 1].
    forks = [threading.Lock() for _ in range(n)]
    threads = [
        threading.Thread(target=philosopher, args=(i, forks, meals, eat), name=f"philosopher-{i}")
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
