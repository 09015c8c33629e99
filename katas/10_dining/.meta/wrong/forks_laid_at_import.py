"""Wrong: five forks laid once, at import, for every table: dine makes none, and a table of
two philosophers eats with forks meant for five.

expect: test_dine_makes_its_forks_with_threading_lock -> FORKS_NOT_LOCKS
"""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    first, second = sorted((i, (i + 1) % len(forks)))
    for _ in range(meals):
        with forks[first], forks[second]:
            eat(i)


FORKS = [threading.Lock() for _ in range(5)]


def dine(n: int = 5, meals: int = 3, eat=no_eat) -> None:
    threads = [
        threading.Thread(target=philosopher, args=(i, FORKS, meals, eat), name=f"philosopher-{i}")
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
