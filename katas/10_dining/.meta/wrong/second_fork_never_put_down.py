"""Wrong: the second fork is never released, so the next meal waits for a fork the philosopher
holds itself.

expect: test_philosopher_eats_meals_times -> judge.DEADLOCK
expect: test_philosopher_eats_meals_times -> ALONE_STUCK
"""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    first, second = sorted((i, (i + 1) % len(forks)))
    for _ in range(meals):
        forks[first].acquire()
        forks[second].acquire()
        eat(i)
        forks[first].release()


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
