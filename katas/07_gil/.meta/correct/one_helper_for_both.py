"""Correct, written another way: one helper runs both versions, given the executor class and its
arguments; chunks built with a generator.
"""

from __future__ import annotations

from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor


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
        raise ValueError("need one part or more")
    size, extra = divmod(n, parts)

    def bounds():
        lo = 0
        for i in range(parts):
            hi = lo + size + (i < extra)
            yield lo, hi
            lo = hi

    return list(bounds())


def in_pool(pool: Executor, n: int, workers: int) -> int:
    with pool:
        return sum(f.result() for f in [pool.submit(count_primes, *r) for r in chunks(n, workers)])


def with_threads(n: int, workers: int = 4) -> int:
    return in_pool(ThreadPoolExecutor(max_workers=workers), n, workers)


def with_processes(n: int, workers: int = 4, context=None) -> int:
    return in_pool(ProcessPoolExecutor(max_workers=workers, mp_context=context), n, workers)
