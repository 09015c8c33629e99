"""Correct, written another way: the larger ranges last, and the results added up in the order they
complete.
"""

from __future__ import annotations

import concurrent.futures as cf


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
        raise ValueError(f"{parts} parts")
    size, extra = divmod(n, parts)
    sizes = [size] * (parts - extra) + [size + 1] * extra
    bounds = [0]
    for part in sizes:
        bounds.append(bounds[-1] + part)
    return list(zip(bounds, bounds[1:]))


def counted(pool, n: int, workers: int) -> int:
    futures = {pool.submit(count_primes, lo, hi) for lo, hi in chunks(n, workers)}
    return sum(future.result() for future in cf.as_completed(futures))


def with_threads(n: int, workers: int = 4) -> int:
    with cf.ThreadPoolExecutor(max_workers=workers) as pool:
        return counted(pool, n, workers)


def with_processes(n: int, workers: int = 4, context=None) -> int:
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return counted(pool, n, workers)
