"""Wrong: [threading.Lock()] * n is one Lock, n times over: a philosopher's two forks are the same
lock, and it waits for itself.

expect: test_dine_runs_philosopher_i_in_a_thread_named_philosopher_i -> judge.DEADLOCK
expect: test_dine_runs_philosopher_i_in_a_thread_named_philosopher_i -> DINE_STUCK
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
    forks = [threading.Lock()] * n
    threads = [
        threading.Thread(target=philosopher, args=(i, forks, meals, eat), name=f"philosopher-{i}")
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
