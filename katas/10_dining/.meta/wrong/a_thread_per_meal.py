"""Wrong: dine starts a thread per meal, each named after its philosopher and calling philosopher
with meals=1: every philosopher eats `meals` times, but in `meals` threads, not in one of its own.

expect: test_dine_runs_all_of_a_philosophers_meals_in_one_thread[five-three-meals] -> MEALS_IN_THREADS
expect: test_dine_runs_all_of_a_philosophers_meals_in_one_thread[four-two-meals] -> MEALS_IN_THREADS
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
        threading.Thread(target=philosopher, args=(i, forks, 1, eat), name=f"philosopher-{i}")
        for _ in range(meals)
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
