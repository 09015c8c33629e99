"""Wrong: a philosopher looks at its right fork first and, when it is free (not locked()), picks
up its left fork first; only when the right one looks busy does it keep to an order. When every
philosopher looks before any has picked up a fork, every one sees its right fork free, every one
picks up its left one: a deadlock. Looking and then picking up is not one step.

expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork -> judge.DEADLOCK
expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork -> CYCLE
expect: test_dine_never_deadlocks_when_each_philosopher_has_picked_up_one_fork -> judge.DEADLOCK
expect: test_dine_never_deadlocks_when_each_philosopher_has_picked_up_one_fork -> DINE_STUCK
"""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    left, right = forks[i], forks[(i + 1) % len(forks)]
    low, high = sorted((left, right), key=forks.index)
    for _ in range(meals):
        first, second = (left, right) if not right.locked() else (low, high)
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
