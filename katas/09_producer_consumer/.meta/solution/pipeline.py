"""Kata 09: a producer and its consumers, joined by a bounded queue.

One producer thread puts items on a `queue.Queue`; several consumer threads take them off and
handle them, each item in exactly one consumer. The queue is bounded: it holds at most
`maxsize` items, and while it is full the producer's `put()` waits until a consumer has taken
one. Nobody polls: a consumer waits in `q.get()`, which blocks until there is an item.

- `producer(q, items, n_consumers)` puts every item, in order, then one `DONE` per consumer:
  each consumer stops at the one `DONE` it takes.
- `consumer(q, handle)` takes items until it takes `DONE`, calls `handle(item)` for every other
  item, and returns how many it handled.
- `run(items, n_consumers, maxsize, handle)` makes one `queue.Queue(maxsize)`, one producer
  thread and `n_consumers` consumer threads named "consumer-0" ... "consumer-{n_consumers - 1}",
  starts them all, joins them all, and returns each consumer's count, by index.

On Python 3.13 and later the producer may call `q.shutdown()` after its last item instead of
putting the `DONE`s; a consumer then also stops when `q.get()` raises `queue.ShutDown`.

Run the tests with `pytest katas/09_producer_consumer`; run the demo with
`python katas/09_producer_consumer/pipeline.py`.
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


def producer(q, items: Iterable[object], n_consumers: int) -> None:
    """Put every item on `q`, in order; then one DONE per consumer."""
    for item in items:
        q.put(item)  # waits while the queue is full: the consumers set the pace
    # One DONE stops one consumer: a single DONE would leave every other consumer waiting in
    # q.get() for an item that nobody will ever put.
    for _ in range(n_consumers):
        q.put(DONE)


def consumer(q, handle: Callable[[object], object]) -> int:
    """Take items from `q` until DONE; handle every other item; return how many were handled."""
    handled = 0
    while True:
        item = q.get()  # blocks until there is an item: no polling, no timeout
        if item is DONE:  # `is`: an item that is 0, None or "" is still an item
            return handled
        handle(item)
        handled += 1


def run(
    items: Iterable[object],
    n_consumers: int = 3,
    maxsize: int = 2,
    handle: Callable[[object], object] = no_handling,
) -> list[int]:
    """Run one producer and `n_consumers` consumers over one bounded queue; return each
    consumer's count, by index."""
    q = queue.Queue(maxsize)
    counts = [0] * n_consumers

    def consume(index: int) -> None:
        # A thread's target cannot return a value: each consumer writes its own slot.
        counts[index] = consumer(q, handle)

    threads = [threading.Thread(target=producer, args=(q, items, n_consumers), name="producer")]
    threads += [
        threading.Thread(target=consume, args=(i,), name=f"consumer-{i}") for i in range(n_consumers)
    ]
    # All of them start before any is joined: joining the producer first would wait for ever
    # once the queue is full, with no consumer running to make room.
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts


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
