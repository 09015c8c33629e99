"""Wrong: chunks returns its ranges as lists [lo, hi], not tuples (lo, hi): the numbers are right,
the type is not list[tuple[int, int]].

expect: test_chunks_returns_parts_pairs[ten-in-four] -> NOT_TUPLES
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
    bounds = [i * size + min(i, extra) for i in range(parts + 1)]
    return [[lo, hi] for lo, hi in zip(bounds, bounds[1:])]


def with_threads(n: int, workers: int = 4) -> int:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(count_primes, lo, hi) for lo, hi in chunks(n, workers)]
        return sum(future.result() for future in futures)


def with_processes(n: int, workers: int = 4, context=None) -> int:
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(count_primes, lo, hi) for lo, hi in chunks(n, workers)]
        return sum(future.result() for future in futures)
