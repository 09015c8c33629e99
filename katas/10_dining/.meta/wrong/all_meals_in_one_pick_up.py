"""Wrong: the forks are picked up once, and every meal is eaten before they are put down.

expect: test_philosopher_puts_both_forks_down_after_each_meal -> KEPT_BETWEEN_MEALS
"""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    first, second = sorted((i, (i + 1) % len(forks)))
    with forks[first], forks[second]:
        for _ in range(meals):
            eat(i)


def dine(n: int = 5, meals: int = 3, eat=no_eat) -> None:
    forks = [threading.Lock() for _ in range(n)]
    threads = [
        threading.Thread(target=philosopher, args=(i, forks, meals, eat), name=f"philosopher-{i}")
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
