"""Wrong: with_threads has each pool thread add its count to a shared total, `total += ...`:
two threads read the same old total and each writes back its own sum, so counts are lost.

expect: test_with_threads_returns_the_count[three-workers] -> COUNTS_LOST
expect: test_with_threads_returns_the_count[more-workers-than-numbers] -> COUNTS_LOST
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def count_primes(lo: int, hi: int) -> int:
    """How many primes lie in [lo, hi): plain trial division, pure Python. Given: keep it."""
    count = 0
    for number in range(max(lo, 2), hi):
        divisor = 2
        while divisor * divisor <= number:
            if number % divisor == 0:
                break
            divisor += 1
        else:
            count += 1
    return count


def chunks(n: int, parts: int) -> list[tuple[int, int]]:
    """[0, n) as `parts` contiguous ranges (lo, hi), in order, sizes differing by at most one."""
    if parts < 1:
        raise ValueError(f"parts must be at least 1, not {parts}")
    size, extra = divmod(n, parts)
    ranges = []
    lo = 0
    for i in range(parts):
        hi = lo + size + (1 if i < extra else 0)  # the larger ranges first
        ranges.append((lo, hi))
        lo = hi
    return ranges


def with_threads(n: int, workers: int = 4) -> int:
    """The primes below n, counted over chunks(n, workers) in a pool of `workers` threads."""
    total = 0

    def count_into_total(lo: int, hi: int) -> None:
        nonlocal total
        total += count_primes(lo, hi)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for lo, hi in chunks(n, workers):
            pool.submit(count_into_total, lo, hi)
    return total


def with_processes(n: int, workers: int = 4, context=None) -> int:
    """The primes below n, counted over chunks(n, workers) in a pool of `workers` processes."""
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(count_primes, lo, hi) for lo, hi in chunks(n, workers)]
        return sum(future.result() for future in futures)


def timed(function, *args) -> tuple[int, float]:
    """function(*args) and the seconds it took."""
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def gil_enabled() -> bool:
    """sys._is_gil_enabled() where it exists (Python 3.13 and later); before, the GIL always is."""
    return getattr(sys, "_is_gil_enabled", lambda: True)()

