"""Wrong: dine writes Thread(target=philosopher(i, forks, meals, eat)), which calls philosopher
there and then, in the caller's thread, one philosopher after the other; each thread is handed
None to run, and does nothing.

expect: test_dine_runs_philosopher_i_in_a_thread_named_philosopher_i -> EATS_IN_CALLER
"""

from __future__ import annotations

import threading


def no_eat(i: int) -> None:
    """The default eat: return at once."""


def philosopher(i: int, forks: list, meals: int, eat=no_eat) -> None:
    first, second = sorted((i, (i + 1) % len(forks)))
    for _ in range(meals):
        with forks[first], forks[second]:
            eat(i)


def dine(n: int = 5, meals: int = 3, eat=no_eat) -> None:
    forks = [threading.Lock() for _ in range(n)]
    threads = [
        threading.Thread(target=philosopher(i, forks, meals, eat), name=f"philosopher-{i}")
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
