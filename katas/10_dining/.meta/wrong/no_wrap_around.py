"""Wrong: the second fork is forks[i + 1]: the last philosopher reaches past the end of the list.

expect: test_philosopher_eats_meals_times[philosopher-4-of-5] -> WRAP_AROUND
expect: test_philosopher_eats_meals_times[philosopher-1-of-2] -> WRAP_AROUND
"""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    first, second = sorted((i, i + 1))
    for _ in range(meals):
        with forks[first], forks[second]:
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
