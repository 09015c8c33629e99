"""Correct: a Thread subclass keeps its own count; the producer drains map(q.put, ...) through a zero-length deque."""

from __future__ import annotations

import collections
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
    everything = itertools.chain(items, itertools.repeat(DONE, n_consumers))
    collections.deque(map(q.put, everything), maxlen=0)  # each q.put blocks while q is full


def consumer(q, handle: Callable[[object], object]) -> int:
    """Take items from `q` until DONE; handle every other item; return how many were handled."""
    handled = 0
    while True:
        item = q.get()
        if item is DONE:
            return handled
        handle(item)
        handled += 1


class Consumer(threading.Thread):
    """A consumer thread that keeps, once it has ended, how many items it handled."""

    def __init__(self, index: int, q, handle: Callable[[object], object]) -> None:
        super().__init__(name=f"consumer-{index}")
        self.q = q
        self.handle = handle
        self.count = 0

    def run(self) -> None:
        self.count = consumer(self.q, self.handle)


def run(
    items: Iterable[object],
    n_consumers: int = 3,
    maxsize: int = 2,
    handle: Callable[[object], object] = no_handling,
) -> list[int]:
    """Run one producer and `n_consumers` consumers over one bounded queue; return each
    consumer's count, by index."""
    q = queue.Queue(maxsize)
    consumers = [Consumer(i, q, handle) for i in range(n_consumers)]
    feeder = threading.Thread(target=producer, args=(q, items, n_consumers), name="producer")
    for thread in (*consumers, feeder):
        thread.start()
    for thread in (*consumers, feeder):
        thread.join()
    return [c.count for c in consumers]


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
