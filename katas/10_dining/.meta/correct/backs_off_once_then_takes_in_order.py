"""Correct, written another way: a philosopher takes its left fork, tries the right one without
waiting, and when it is busy puts the left one down and takes both in the global order (lower
index first, waiting for each). It backs off at most once a meal and then cannot close a circle:
no deadlock and no livelock. (Found in review: a rule that failed every table backing off once
at the worst moment failed this solution.)"""

from __future__ import annotations

import threading


def no_eat(i):
    """The default eat."""


def philosopher(i, forks, meals, eat=no_eat):
    left, right = forks[i], forks[(i + 1) % len(forks)]
    low, high = sorted((i, (i + 1) % len(forks)))
    for _ in range(meals):
        left.acquire()
        if right.acquire(blocking=False):
            first, second = left, right
        else:
            left.release()
            forks[low].acquire()
            forks[high].acquire()
            first, second = forks[low], forks[high]
        try:
            eat(i)
        finally:
            second.release()
            first.release()


def dine(n=5, meals=3, eat=no_eat):
    forks = [threading.Lock() for _ in range(n)]
    threads = [
        threading.Thread(target=philosopher, args=(i, forks, meals, eat), name=f"philosopher-{i}")
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    dine()
