"""Wrong: with_threads submits `lambda: count_primes(lo, hi)`, which reads lo and hi when its
task runs, not when it was made. One thread at a time each task runs as soon as it is
submitted and counts its own range; when the threads switch between instructions, the loop
has moved on before a task reads them, and the last range is counted again and again.

expect: test_with_threads_is_right_when_threads_switch_between_instructions[thirty-in-three-coin-1] -> RACED_LOOP
expect: test_with_threads_is_right_when_threads_switch_between_instructions[thirty-in-three-coin-2] -> RACED_LOOP
expect: test_with_threads_is_right_when_threads_switch_between_instructions[thirty-in-three-in-step] -> RACED_LOOP
expect: test_with_threads_is_right_when_threads_switch_between_instructions[thirty-in-three-staggered-1] -> RACED_LOOP
expect: test_with_threads_is_right_when_threads_switch_between_instructions[twelve-in-four-coin-1] -> RACED_LOOP
expect: test_with_threads_is_right_when_threads_switch_between_instructions[twelve-in-four-coin-2] -> RACED_LOOP
expect: test_with_threads_is_right_when_threads_switch_between_instructions[twelve-in-four-in-step] -> RACED_LOOP
expect: test_with_threads_is_right_when_threads_switch_between_instructions[twelve-in-four-staggered-1] -> RACED_LOOP
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
    """The primes below n, counted over chunks(n, workers) in a pool of `workers` threads."""
    # Leaving the with block shuts the pool down and waits for its threads.
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(lambda: count_primes(lo, hi)) for lo, hi in chunks(n, workers)]
        return sum(future.result() for future in futures)


def with_processes(n: int, workers: int = 4, context=None) -> int:
    """The primes below n, counted over chunks(n, workers) in a pool of `workers` processes."""
    # count_primes, a module-level function, travels to the workers by name: spawn and
    # forkserver workers import this module and find it there. A lambda could not travel.
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
