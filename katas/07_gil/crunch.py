"""Kata 07: CPU-bound work in threads and in processes.

Count the primes below `n` by splitting [0, n) into ranges and counting each range in a pool:
once in threads, once in processes. The demo times both against one plain call and prints the
speed-ups: with the GIL, threads run Python code one at a time; processes run it at once.

`count_primes(lo, hi)` is given: it counts the primes in [lo, hi) by trial division.

`chunks(n, parts)` splits [0, n) into `parts` contiguous half-open ranges (lo, hi), in order,
with no gap and no overlap, their sizes differing by at most one (some are empty when `parts`
exceeds `n`); `parts < 1` raises ValueError.

`with_threads(n, workers)` runs `count_primes` over `chunks(n, workers)` in a
`concurrent.futures.ThreadPoolExecutor(max_workers=workers)` and returns the sum.

`with_processes(n, workers, context)` does the same in a
`concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context)` (None: the
default start method), handing the pool `count_primes` itself.

Both return `count_primes(0, n)`, and shut their pool down before they return.

Run the tests with `pytest katas/07_gil`; run the demo with `python katas/07_gil/crunch.py`
(or `python katas/07_gil/crunch.py 200000` for a bigger `n`).
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
    # TODO: raise ValueError if parts < 1. Then return `parts` pairs (lo, hi): the first starts
    # at 0, each next one starts where the one before stops, the last stops at n, and their
    # sizes differ by at most one (divmod(n, parts) gives the size and what is left over).
    raise NotImplementedError


def with_threads(n: int, workers: int = 4) -> int:
    """The primes below n, counted over chunks(n, workers) in a pool of `workers` threads."""
    # TODO: make a ThreadPoolExecutor(max_workers=workers) in a `with` block, hand it
    # count_primes(lo, hi) for each range of chunks(n, workers), and return the sum of
    # the results.
    raise NotImplementedError


def with_processes(n: int, workers: int = 4, context=None) -> int:
    """The primes below n, counted over chunks(n, workers) in a pool of `workers` processes."""
    # TODO: the same as with_threads, in a ProcessPoolExecutor(max_workers=workers,
    # mp_context=context). Hand the pool count_primes itself: its workers are other
    # processes, and under spawn and forkserver they can only find a function by name.
    raise NotImplementedError


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
