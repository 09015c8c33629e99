"""Correct, written another way: philosopher 0 picks up its right fork first, everyone else the
left one first; explicit acquire and release, and a Thread subclass."""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    left, right = forks[i], forks[(i + 1) % len(forks)]
    order = (right, left) if i == 0 else (left, right)
    for _ in range(meals):
        order[0].acquire()
        try:
            order[1].acquire()
            try:
                eat(i)
            finally:
                order[1].release()
        finally:
            order[0].release()


class Philosopher(threading.Thread):
    def __init__(self, i: int, forks: list, meals: int, eat) -> None:
        super().__init__(name=f"philosopher-{i}")
        self.i, self.forks, self.meals, self.eat = i, forks, meals, eat

    def run(self) -> None:
        philosopher(self.i, self.forks, self.meals, self.eat)


def dine(n: int = 5, meals: int = 3, eat=no_eat) -> None:
    forks = [threading.Lock() for _ in range(n)]
    table = [Philosopher(i, forks, meals, eat) for i in range(n)]
    for seat in table:
        seat.start()
    for seat in table:
        seat.join()
