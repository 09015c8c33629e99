"""Correct, written another way: the lesson's waiter, kept per table. A Semaphore(n - 1) for each
list of forks, made the first time a philosopher of that table asks for it, lets at most n - 1
philosophers reach for forks at once. (Not ordering: a cure the contract allows, as long as two
philosophers who share no fork can eat at once.)"""

from __future__ import annotations

import threading

WAITERS: dict[int, tuple[list, threading.Semaphore]] = {}
HIRING = threading.Lock()


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def waiter(forks: list) -> threading.Semaphore:
    """The waiter of the table these forks lie on (kept with them: their id stays theirs)."""
    with HIRING:
        if id(forks) not in WAITERS:
            WAITERS[id(forks)] = (forks, threading.Semaphore(len(forks) - 1))
        return WAITERS[id(forks)][1]


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    seats = waiter(forks)
    left, right = forks[i], forks[(i + 1) % len(forks)]
    for _ in range(meals):
        with seats:
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
