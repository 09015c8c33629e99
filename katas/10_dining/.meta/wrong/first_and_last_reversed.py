"""Wrong: the first and the last philosopher both pick up their forks the other way round. Right
at a table of three or more; at a table of two they are each other's neighbours on both sides,
and both reversed is both in one direction again: each picks up one fork and waits for the other.

expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork[two] -> judge.DEADLOCK
expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork[two] -> CYCLE
expect: test_dine_never_deadlocks_when_each_philosopher_has_picked_up_one_fork[two] -> judge.DEADLOCK
expect: test_dine_never_deadlocks_when_each_philosopher_has_picked_up_one_fork[two] -> DINE_STUCK
"""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""

def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    n = len(forks)
    first, second = forks[i], forks[(i + 1) % n]
    if i in (0, n - 1):
        first, second = second, first
    for _ in range(meals):
        with first, second:
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
