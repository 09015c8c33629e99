"""Correct, written another way: a philosopher picks up both forks while holding a lock of the
table, and lets that lock go before eating; no two pick-ups interleave, so no circle of waits
can form, and a meal holds only its two forks. (Not ordering: another cure, which the contract
allows as long as two philosophers who share no fork can eat at once.)"""

from __future__ import annotations

import threading

PICKING_UP = threading.Lock()


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    left, right = forks[i], forks[(i + 1) % len(forks)]
    for _ in range(meals):
        with PICKING_UP:
            left.acquire()
            right.acquire()
        try:
            eat(i)
        finally:
            right.release()
            left.release()


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
