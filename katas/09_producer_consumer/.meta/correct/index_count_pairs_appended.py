"""Correct: each consumer reports with one list.append((i, count)) and counts with next() on an itertools.count()."""

from __future__ import annotations

import itertools
import queue
import threading
from typing import Callable, Iterable

#: The sentinel: a consumer that takes it stops. A unique object, so that no item can be taken
#: for it: compare with `item is DONE`.
DONE = object()


def no_handling(item: object) -> None:
    """The default handle: nothing to do with the item."""


def producer(q, items: Iterable[object], n_consumers: int) -> None:
    """Put every item on `q`, in order; then one DONE per consumer."""
    for item in items:
        q.put(item)
    for _ in range(n_consumers):
        q.put(DONE)


def consumer(q, handle: Callable[[object], object]) -> int:
    """Take items from `q` until DONE; handle every other item; return how many were handled."""
    ticks = itertools.count()
    while (item := q.get()) is not DONE:
        handle(item)
        next(ticks)
    return next(ticks)  # the number of ticks taken before this one


def run(
    items: Iterable[object],
    n_consumers: int = 3,
    maxsize: int = 2,
    handle: Callable[[object], object] = no_handling,
) -> list[int]:
    """Run one producer and `n_consumers` consumers over one bounded queue; return each
    consumer's count, by index."""
    q = queue.Queue(maxsize)
    reports: list[tuple[int, int]] = []  # (index, count), in the order the consumers end

    def consume(i: int) -> None:
        reports.append((i, consumer(q, handle)))  # one append: atomic

    threads = [
        threading.Thread(target=consume, args=(i,), name=f"consumer-{i}")
        for i in range(n_consumers)
    ]
    threads.append(threading.Thread(target=producer, args=(q, items, n_consumers)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [count for _, count in sorted(reports)]


def demo() -> None:
    """Ten items through three consumers and a queue of two places. The first three items meet
    inside handle(): they can only all get there if three consumers work at the same time."""
    printing = threading.Lock()  # one line at a time: print() is not atomic across threads
    first_three = threading.Barrier(3)

    def handle(item: object) -> None:
        met = ""
        if item in (0, 1, 2):
            first_three.wait(timeout=2)  # BrokenBarrierError if the others never come
            met = ", with two other consumers inside handle() at the same time"
        with printing:
            print(f"{threading.current_thread().name} handles {item!r}{met}")

    counts = run(range(10), 3, 2, handle)
    print(f"counts by consumer: {counts}; {sum(counts)} of 10 items handled")


if __name__ == "__main__":
    demo()
