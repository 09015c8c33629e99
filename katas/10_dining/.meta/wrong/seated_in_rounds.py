"""Wrong: every philosopher picks up its left fork first, and dine keeps them from deadlock by
seating them in rounds: the even ones, then the odd ones, then the last one alone when n is odd,
each round joined before the next starts. No two neighbours are ever at the table together, so
nothing contends, and the cure is the schedule, not the forks: philosopher() alone still
deadlocks.

expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork -> CYCLE
expect: test_dine_starts_every_philosopher_before_it_joins_one -> JOINED_BEFORE_ALL_STARTED
"""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    left, right = forks[i], forks[(i + 1) % len(forks)]
    for _ in range(meals):
        with left:
            with right:
                eat(i)


def dine(n: int = 5, meals: int = 3, eat=no_eat) -> None:
    forks = [threading.Lock() for _ in range(n)]
    threads = [
        threading.Thread(target=philosopher, args=(i, forks, meals, eat), name=f"philosopher-{i}")
        for i in range(n)
    ]
    last = [threads[-1]] if n % 2 else []
    evens = [thread for thread in threads[::2] if thread not in last]
    for seated in (evens, threads[1::2], last):
        for thread in seated:
            thread.start()
        for thread in seated:
            thread.join()