"""Correct, written another way: ordered forks, and dine's threads wait at a Barrier(n) before
their first meal, so that every philosopher starts eating at once."""

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
    start = threading.Barrier(n)

    def seat(i: int) -> None:
        start.wait()
        philosopher(i, forks, meals, eat)

    threads = [
        threading.Thread(target=seat, args=(i,), name=f"philosopher-{i}") for i in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
