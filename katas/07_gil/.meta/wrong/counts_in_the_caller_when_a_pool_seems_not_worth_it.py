"""Wrong: with_threads counts in the calling thread when a pool seems not worth it, with one
worker or no more numbers than workers; no pool does that work.

expect: test_with_threads_never_counts_in_the_calling_thread[one-worker] -> COUNTED_IN_CALLER
expect: test_with_threads_never_counts_in_the_calling_thread[more-workers-than-numbers] -> COUNTED_IN_CALLER
"""

from __future__ import annotations

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
        raise ValueError(f"parts must be at least 1, not {parts}")
    size, extra = divmod(n, parts)
    ranges = []
    lo = 0
    for i in range(parts):
        hi = lo + size + (1 if i < extra else 0)
        ranges.append((lo, hi))
        lo = hi
    return ranges


def with_threads(n: int, workers: int = 4) -> int:
    if workers == 1 or n <= workers:
        return count_primes(0, n)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(count_primes, lo, hi) for lo, hi in chunks(n, workers)]
        return sum(future.result() for future in futures)


def with_processes(n: int, workers: int = 4, context=None) -> int:
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(count_primes, lo, hi) for lo, hi in chunks(n, workers)]
        return sum(future.result() for future in futures)
