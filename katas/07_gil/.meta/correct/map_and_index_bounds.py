"""Correct, written another way: each range's bounds computed from its index (i * n // parts, so
larger ranges fall here and there), and pool.map over two lists of bounds.
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
        raise ValueError("at least one part")
    return [(i * n // parts, (i + 1) * n // parts) for i in range(parts)]


def with_threads(n: int, workers: int = 4) -> int:
    los, his = zip(*chunks(n, workers))
    with ThreadPoolExecutor(workers) as pool:
        return sum(pool.map(count_primes, los, his))


def with_processes(n: int, workers: int = 4, context=None) -> int:
    los, his = zip(*chunks(n, workers))
    with ProcessPoolExecutor(workers, context) as pool:
        return sum(pool.map(count_primes, los, his))
