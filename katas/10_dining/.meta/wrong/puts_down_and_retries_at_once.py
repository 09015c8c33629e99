"""Wrong: a philosopher that finds its right fork taken puts its left fork down and tries
again at once, in the same order. When every philosopher does so at the same moment, round
after round, nobody eats: a livelock. (Found in review: before the table made the moment come
back, whether this file ate depended on how the threads happened to run.)

expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork[five] -> LIVELOCK
expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork[two] -> LIVELOCK
"""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    left, right = forks[i], forks[(i + 1) % len(forks)]
    for _ in range(meals):
        while True:
            left.acquire()
            if right.acquire(False):
                break
            left.release()
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
