"""Correct, written another way: one order for all the forks, the other way round: every
philosopher picks up the higher-numbered of its two forks first, and puts them down in the order
it picked them up."""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""

def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    j = (i + 1) % len(forks)
    high, low = forks[max(i, j)], forks[min(i, j)]
    for _ in range(meals):
        high.acquire()
        low.acquire()
        eat(i)
        high.release()
        low.release()


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
