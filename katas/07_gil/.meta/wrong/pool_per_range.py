"""Wrong: with_threads and with_processes make a new pool for each range, and leave its `with`
block (waiting for that range) before making the next: the ranges are counted one after
another. (Written from the lesson alone, as a held-out wrong solution; it passed every test.)

expect: test_with_threads_hands_every_range_to_one_pool_before_waiting -> POOL_PER_RANGE
expect: test_with_processes_hands_every_range_to_one_pool_before_waiting -> POOL_PER_RANGE
"""

from __future__ import annotations

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
    # The first `extra` ranges take one number more: n = size * parts + extra.
    size, extra = divmod(n, parts)
    ranges = []
    lo = 0
    for i in range(parts):
        hi = lo + size + (1 if i < extra else 0)
        ranges.append((lo, hi))
        lo = hi  # the next range starts where this one stops: no gap, no overlap
    return ranges


def with_threads(n: int, workers: int = 4) -> int:
    total = 0
    for lo, hi in chunks(n, workers):
        with ThreadPoolExecutor(max_workers=workers) as pool:
            total += pool.submit(count_primes, lo, hi).result()
    return total


def with_processes(n: int, workers: int = 4, context=None) -> int:
    total = 0
    for lo, hi in chunks(n, workers):
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            total += pool.submit(count_primes, lo, hi).result()
    return total
