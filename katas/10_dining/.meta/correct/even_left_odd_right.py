"""Correct, written another way: even philosophers pick up their left fork first, odd ones their
right fork first, so neighbours reach for a shared fork first or last together."""

from __future__ import annotations

import threading
from contextlib import ExitStack


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    mine = [forks[i], forks[(i + 1) % len(forks)]]
    if i % 2:
        mine.reverse()
    for _ in range(meals):
        with ExitStack() as stack:
            for fork in mine:
                stack.enter_context(fork)
            eat(i)


def dine(n: int = 5, meals: int = 3, eat=no_eat) -> None:
    forks = [threading.Lock() for _ in range(n)]
    threads = {
        f"philosopher-{i}": threading.Thread(target=philosopher, args=(i, forks, meals, eat))
        for i in range(n)
    }
    for name, thread in threads.items():
        thread.name = name
        thread.start()
    for thread in threads.values():
        thread.join()
