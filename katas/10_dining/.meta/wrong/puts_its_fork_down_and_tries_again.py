"""Wrong: a philosopher picks up its left fork, tries its right one without waiting, and when it
is busy puts the left one down, sleeps a moment and starts again. When every philosopher has
picked up its left fork at the same moment, every one finds its right fork busy and puts its
left one down: back to the start, a moment that can come again for ever (a livelock).

expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork -> BACKED_OFF
expect: test_dine_never_deadlocks_when_each_philosopher_has_picked_up_one_fork -> BACKED_OFF
"""

from __future__ import annotations

import threading
import time


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    left, right = forks[i], forks[(i + 1) % len(forks)]
    for _ in range(meals):
        while True:
            left.acquire()
            if right.acquire(blocking=False):
                break
            left.release()
            time.sleep(0.001)
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
