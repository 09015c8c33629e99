"""Correct, written another way: the lower-numbered fork first; the higher one tried a few times
with acquire(False), then waited for with a blocking acquire(): still one order for all."""

from __future__ import annotations

import threading

def no_eat(i):
    """The default: do nothing."""


def philosopher(i, forks, meals, eat=no_eat):
    a, b = sorted((i, (i + 1) % len(forks)))
    low, high = forks[a], forks[b]
    for _ in range(meals):
        low.acquire()
        try:
            for _ in range(5):
                if high.acquire(False):
                    break
            else:
                high.acquire()
            try:
                eat(i)
            finally:
                high.release()
        finally:
            low.release()


def dine(n=5, meals=3, eat=no_eat):
    forks = [threading.Lock() for _ in range(n)]
    threads = [threading.Thread(target=philosopher, args=(i, forks, meals, eat),
                                name=f"philosopher-{i}") for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
