"""Wrong: the philosopher eats with forks[i - 1] and forks[i], its left neighbour's pair.

expect: test_philosopher_holds_both_its_forks_while_eating[philosopher-2-of-5] -> FORKS_NOT_HELD
expect: test_philosopher_holds_both_its_forks_while_eating[philosopher-4-of-5] -> FORKS_NOT_HELD
"""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    first, second = sorted((i - 1, i))
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
