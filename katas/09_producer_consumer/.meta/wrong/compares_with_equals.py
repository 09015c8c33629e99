"""Wrong: the consumer stops when `item == DONE`: that asks the item, and an item that says it
equals anything (`unittest.mock.ANY`) is taken for DONE.

expect: test_consumer_handles_every_item_in_order[an-item-equal-to-anything] -> STOPPED_EARLY
expect: test_consumer_handles_every_item_in_order[an-item-equal-to-anything] -> EQUAL_STOP
"""

from __future__ import annotations

import queue
import threading

DONE = object()


def no_handling(item):
    """No-op."""


def producer(q, items, n_consumers):
    for item in items:
        q.put(item)
    for _ in range(n_consumers):
        q.put(DONE)


def consumer(q, handle):
    count = 0
    while True:
        item = q.get()
        if item == DONE:
            return count
        handle(item)
        count += 1


def run(items, n_consumers=3, maxsize=2, handle=no_handling):
    q = queue.Queue(maxsize)
    counts = [0] * n_consumers

    def consume(i):
        counts[i] = consumer(q, handle)

    threads = [threading.Thread(target=producer, args=(q, items, n_consumers))]
    threads += [threading.Thread(target=consume, args=(i,), name=f"consumer-{i}")
                for i in range(n_consumers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counts
