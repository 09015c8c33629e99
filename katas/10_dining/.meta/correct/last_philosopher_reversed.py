"""Correct, written another way: every philosopher picks up its left fork first, except the last,
who picks up its right one (fork 0) first. Nobody closes the circle."""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    left, right = forks[i], forks[(i + 1) % len(forks)]
    if i == len(forks) - 1:
        left, right = right, left
    for _ in range(meals):
        with left:
            with right:
                eat(i)


def dine(n: int = 5, meals: int = 3, eat=no_eat) -> None:
    forks = [threading.Lock() for _ in range(n)]
    threads = []
    for i in range(n):
        thread = threading.Thread(
            target=philosopher, args=(i, forks, meals, eat), name=f"philosopher-{i}", daemon=True
        )
        thread.start()
        threads.append(thread)
    for thread in reversed(threads):
        thread.join()
