"""Correct, written another way: the executors imported from concurrent.futures.thread and
.process, a functools.partial of count_primes handed to the process pool, a module-level helper
that unpacks a range for the thread pool, and a helper thread that waits for the count to end.
"""

from __future__ import annotations

import functools
import threading
from concurrent.futures.process import ProcessPoolExecutor
from concurrent.futures.thread import ThreadPoolExecutor


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
    return [
        (i * size + min(i, extra), (i + 1) * size + min(i + 1, extra)) for i in range(parts)
    ]


def count_range(bounds: tuple[int, int]) -> int:
    lo, hi = bounds
    return count_primes(lo, hi)


def with_threads(n: int, workers: int = 4) -> int:
    done = threading.Event()
    watcher = threading.Thread(target=done.wait, name="watcher", daemon=True)
    watcher.start()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="crunch") as pool:
        total = sum(pool.map(count_range, chunks(n=n, parts=workers)))
    done.set()
    watcher.join()
    return total


def with_processes(n: int, workers: int = 4, context=None) -> int:
    with ProcessPoolExecutor(mp_context=context, max_workers=workers) as pool:
        futures = [
            pool.submit(functools.partial(count_primes, lo), hi) for lo, hi in chunks(n, workers)
        ]
        return sum(future.result() for future in futures)
