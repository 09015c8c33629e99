"""Wrong: every philosopher picks up its left fork first, and dine keeps them from deadlock by
starting them all at once but holding each round back with Events until the round before it has
eaten: the even ones, then the odd ones, then the last one alone when n is odd. No two
neighbours are ever at the table together, so nothing contends; two philosophers who share no
fork but sit in different rounds never eat at once, and philosopher() alone still deadlocks.

expect: test_philosophers_never_deadlock_when_each_has_picked_up_one_fork -> CYCLE
expect: test_dine_lets_two_philosophers_who_share_no_fork_eat_at_once[0-and-3] -> DINE_SERIAL
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
    rounds = [list(range(0, n - n % 2, 2)), list(range(1, n, 2))] + ([[n - 1]] if n % 2 else [])
    round_of = {i: r for r, members in enumerate(rounds) for i in members}
    done = [threading.Event() for _ in range(n)]

    def seat(i: int) -> None:
        for j in rounds[round_of[i] - 1] if round_of[i] else []:
            done[j].wait()
        try:
            philosopher(i, forks, meals, eat)
        finally:
            done[i].set()

    threads = [threading.Thread(target=seat, args=(i,), name=f"philosopher-{i}") for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
