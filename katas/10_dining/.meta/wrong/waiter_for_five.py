"""Wrong: a waiter lets at most four philosophers reach for forks: right for a table of five,
and no help at a table of three, where every philosopher still picks up its left fork at once.

expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork[three] -> judge.DEADLOCK
expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork[three] -> CYCLE
expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork[two] -> judge.DEADLOCK
expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork[two] -> CYCLE
"""

from __future__ import annotations

import threading

WAITER = threading.Semaphore(4)


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    left, right = forks[i], forks[(i + 1) % len(forks)]
    for _ in range(meals):
        with WAITER:
            with left, right:
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
