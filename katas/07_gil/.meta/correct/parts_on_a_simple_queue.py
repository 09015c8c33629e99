"""Correct, written another way: each range's bounds worked out from its index, the threads' counts
put on a queue.SimpleQueue that the caller empties once the pool is shut down, and pool.map over two
lists of bounds for the processes.
"""

from __future__ import annotations

import os
import queue
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
    bounds = [index * size + min(index, extra) for index in range(parts + 1)]
    return list(zip(bounds, bounds[1:]))


def _count_onto(results: queue.SimpleQueue, lo: int, hi: int) -> None:
    results.put(count_primes(lo, hi))


def with_threads(n: int, workers: int = 4) -> int:
    """The primes below n, counted over chunks(n, workers) in a pool of `workers` threads."""
    ranges = chunks(n, workers)
    results: queue.SimpleQueue[int] = queue.SimpleQueue()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_count_onto, results, lo, hi) for lo, hi in ranges]
    for future in futures:
        future.result()  # every range put its part, or this raises what it raised
    return sum(results.get_nowait() for _ in ranges)


def with_processes(n: int, workers: int = 4, context=None) -> int:
    """The primes below n, counted over chunks(n, workers) in a pool of `workers` processes."""
    los, his = zip(*chunks(n, workers))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return sum(pool.map(count_primes, los, his))


def timed(function, *args) -> tuple[int, float]:
    """function(*args) and the seconds it took."""
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def gil_enabled() -> bool:
    """sys._is_gil_enabled() where it exists (Python 3.13 and later); before, the GIL always is."""
    return getattr(sys, "_is_gil_enabled", lambda: True)()


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40_000
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"Python {sys.version.split()[0]} on {cpus} CPU(s); GIL enabled: {gil_enabled()}")
    expected, serial = timed(count_primes, 0, n)
    print(f"one call:  {expected} primes below {n} in {serial:.3f} s")
    for name, function in (("threads", with_threads), ("processes", with_processes)):
        count, took = timed(function, n)
        print(f"{name + ':':10} {count} primes in {took:.3f} s, speed-up x{serial / took:.2f}")
        assert count == expected, f"{name} counted {count} primes below {n}, not {expected}"
