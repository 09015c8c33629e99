"""Wrong: one lock for the whole table, held while picking up the forks and eating. Nothing
deadlocks, but only one philosopher ever eats at a time.

expect: test_two_philosophers_who_share_no_fork_eat_at_once -> SERIAL
expect: test_dine_lets_two_philosophers_who_share_no_fork_eat_at_once -> DINE_SERIAL
"""

from __future__ import annotations

import threading

TABLE = threading.Lock()


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    left, right = forks[i], forks[(i + 1) % len(forks)]
    for _ in range(meals):
        with TABLE:
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
