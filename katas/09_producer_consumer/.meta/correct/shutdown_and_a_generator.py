"""Correct: Queue.shutdown() on 3.13+ (sentinels before), a generator consumer, a dict of counts.

Where the queue has `shutdown()` the producer ends with a plain (not immediate) `q.shutdown()`
and puts no DONE; on 3.10-3.12 it puts one DONE per consumer. The consumer iterates a generator
that yields taken items until DONE or `queue.ShutDown`; the consumer threads are built with
`functools.partial`, each stores its count in a dict under its index, and `run()` turns the dict
into the list by index after joining every thread.
"""

from __future__ import annotations

import queue
import threading
from typing import Callable, Iterable

#: The sentinel: a consumer that takes it stops. A unique object, so that no item can be taken
#: for it: compare with `item is DONE`.
DONE = object()


def no_handling(item: object) -> None:
    """The default handle: nothing to do with the item."""


import functools
from typing import Iterator

#: queue.ShutDown on Python 3.13+; before that an exception class nothing raises.
_ShutDown = getattr(queue, "ShutDown", None) or type("_NeverRaised", (Exception,), {})


def producer(q, items: Iterable[object], n_consumers: int) -> None:
    """Put every item on `q`, in order; then one DONE per consumer."""
    for item in items:
        q.put(item)
    shutdown = getattr(q, "shutdown", None)
    if shutdown is not None:
        shutdown()  # not immediate: the items still queued are handed out first
        return
    for _ in range(n_consumers):
        q.put(DONE)


def _taken(q) -> Iterator[object]:
    """Yield what q.get() returns, up to (not including) DONE or the queue's shutdown."""
    while True:
        try:
            item = q.get()
        except _ShutDown:
            return
        if item is DONE:
            return
        yield item


def consumer(q, handle: Callable[[object], object]) -> int:
    """Take items from `q` until DONE; handle every other item; return how many were handled."""
    n = 0
    for n, item in enumerate(_taken(q), start=1):
        handle(item)
    return n


def _consume_into(results: dict[int, int], index: int, q, handle) -> None:
    results[index] = consumer(q, handle)


def run(
    items: Iterable[object],
    n_consumers: int = 3,
    maxsize: int = 2,
    handle: Callable[[object], object] = no_handling,
) -> list[int]:
    """Run one producer and `n_consumers` consumers over one bounded queue; return each
    consumer's count, by index."""
    q = queue.Queue(maxsize)
    results: dict[int, int] = {}
    threads = [
        threading.Thread(
            target=functools.partial(_consume_into, results, index, q, handle),
            name=f"consumer-{index}",
        )
        for index in range(n_consumers)
    ]
    threads.insert(0, threading.Thread(target=producer, args=(q, items, n_consumers)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [results[index] for index in range(n_consumers)]

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
