"""Correct, written another way: no hold and wait. Under one Condition, a philosopher waits until
both its forks are free and takes both at once; it eats outside the Condition, and puts both
down under it."""

from __future__ import annotations

import threading

def no_eat(i):
    """The default: do nothing."""


_table = threading.Condition()


def philosopher(i, forks, meals, eat=no_eat):
    left, right = forks[i], forks[(i + 1) % len(forks)]
    for _ in range(meals):
        with _table:
            _table.wait_for(lambda: not left.locked() and not right.locked())
            left.acquire()
            right.acquire()
        try:
            eat(i)
        finally:
            with _table:
                right.release()
                left.release()
                _table.notify_all()


def dine(n=5, meals=3, eat=no_eat):
    forks = [threading.Lock() for _ in range(n)]
    threads = [threading.Thread(target=philosopher, args=(i, forks, meals, eat),
                                name=f"philosopher-{i}") for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
