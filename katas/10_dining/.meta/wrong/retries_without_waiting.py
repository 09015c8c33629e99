"""Wrong: holding its left fork, a philosopher tries its right one again and again instead of
waiting for it. At the worst moment every philosopher spins, and nobody puts a fork down.

expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork[five] -> judge.SPIN
"""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    left, right = forks[i], forks[(i + 1) % len(forks)]
    for _ in range(meals):
        with left:
            while not right.acquire(blocking=False):
                pass
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
