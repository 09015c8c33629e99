"""Wrong: the forks are put down before each meal but the first, so the last meal's stay held.
Under dine, its neighbours then wait for them for ever.

expect: test_philosopher_leaves_every_fork_free -> FORK_LEFT_HELD
"""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    first, second = sorted((i, (i + 1) % len(forks)))
    for meal in range(meals):
        if meal:
            forks[second].release()
            forks[first].release()
        forks[first].acquire()
        forks[second].acquire()
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
