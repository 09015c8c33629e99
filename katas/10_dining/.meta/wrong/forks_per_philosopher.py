"""Wrong: dine makes a new list of forks for each philosopher: no fork is shared, so neighbours
eat together.

expect: test_dine_never_lets_neighbours_eat_at_once -> NEIGHBOURS_TOGETHER
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
    threads = []
    for i in range(n):
        forks = [threading.Lock() for _ in range(n)]
        threads.append(
            threading.Thread(
                target=philosopher, args=(i, forks, meals, eat), name=f"philosopher-{i}"
            )
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
