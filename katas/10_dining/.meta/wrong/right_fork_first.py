"""Wrong: every philosopher picks up its right fork first: the same circle, the other way round.

expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork -> judge.DEADLOCK
expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork -> CYCLE
"""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    for _ in range(meals):
        forks[(i + 1) % len(forks)].acquire()
        forks[i].acquire()
        try:
            eat(i)
        finally:
            forks[i].release()
            forks[(i + 1) % len(forks)].release()


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
