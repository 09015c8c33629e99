"""Wrong: dine joins each philosopher right after starting it: they eat one at a time.

expect: test_dine_starts_every_philosopher_before_it_joins_one -> JOINED_BEFORE_ALL_STARTED
expect: test_dine_lets_two_philosophers_who_share_no_fork_eat_at_once -> DINE_SERIAL
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
    for i in range(n):
        thread = threading.Thread(
            target=philosopher, args=(i, forks, meals, eat), name=f"philosopher-{i}"
        )
        thread.start()
        thread.join()
