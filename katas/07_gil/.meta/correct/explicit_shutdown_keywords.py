"""Correct, written another way: try/finally with an explicit shutdown(), the default context taken
by hand, and count_primes called with keyword arguments.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def count_primes(lo: int, hi: int) -> int:
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
    if parts < 1:
        raise ValueError("parts < 1")
    ranges = []
    lo = 0
    for i in range(parts):
        hi = lo + (n - lo) // (parts - i)
        ranges.append((lo, hi))
        lo = hi
    return ranges


def with_threads(n: int, workers: int = 4) -> int:
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        futures = [pool.submit(count_primes, lo=lo, hi=hi) for lo, hi in chunks(n, workers)]
        return sum(future.result() for future in futures)
    finally:
        pool.shutdown()


def with_processes(n: int, workers: int = 4, context=None) -> int:
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context or multiprocessing.get_context()
    )
    try:
        futures = [pool.submit(count_primes, lo=lo, hi=hi) for lo, hi in chunks(n, workers)]
        return sum(future.result() for future in futures)
    finally:
        pool.shutdown(wait=True)
