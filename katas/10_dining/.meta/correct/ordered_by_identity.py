"""Correct, written another way: the order on the forks is the order of the lock objects'
identities, the same for every philosopher; dine passes its arguments by keyword."""

from __future__ import annotations

import functools
import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    first, second = sorted((forks[i], forks[(i + 1) % len(forks)]), key=id)
    for _ in range(meals):
        with first, second:
            eat(i)


def dine(n: int = 5, meals: int = 3, eat=no_eat) -> None:
    forks = [threading.Lock() for _ in range(n)]
    threads = [
        threading.Thread(
            target=functools.partial(philosopher, i, forks=forks, meals=meals, eat=eat),
            name=f"philosopher-{i}",
        )
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
