"""Wrong: a philosopher that cannot get its second fork within a moment puts the first down and
skips the meal. No deadlock, but when every philosopher has picked up one fork at once, nobody
eats that meal.

expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork -> MEALS_SKIPPED
expect: test_dine_never_deadlocks_when_each_philosopher_has_picked_up_one_fork -> MEALS_SKIPPED
"""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    left, right = forks[i], forks[(i + 1) % len(forks)]
    for _ in range(meals):
        with left:
            if right.acquire(timeout=0.1):
                try:
                    eat(i)
                finally:
                    right.release()


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
