"""Wrong: dine hands every philosopher three meals, whatever `meals` says.

expect: test_dine_feeds_every_philosopher_meals_times[two-one-meal] -> DINE_MEALS
expect: test_dine_feeds_every_philosopher_meals_times[four-two-meals] -> DINE_MEALS
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


def dine(n: int = 5, meals: int = 3, eat=no_eat) -> None:
    forks = [threading.Lock() for _ in range(n)]
    threads = [
        threading.Thread(target=philosopher, args=(i, forks, 3, eat), name=f"philosopher-{i}")
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
