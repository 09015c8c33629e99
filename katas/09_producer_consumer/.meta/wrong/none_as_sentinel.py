"""Wrong: None is the sentinel instead of DONE: an item that is None stops a consumer, and the
DONE of a producer that keeps the contract is handled as an item.

expect: test_consumer_handles_every_item_in_order[falsy-items] -> STOPPED_EARLY
expect: test_consumer_never_hands_done_to_handle[numbers] -> DONE_HANDLED
expect: test_producer_puts_every_item_in_order -> ITEMS_NOT_PUT
"""

from __future__ import annotations

import queue
import threading

DONE = object()


def no_handling(item):
    pass


def producer(q, items, n_consumers):
    for item in items:
        q.put(item)
    for _ in range(n_consumers):
        q.put(None)


def consumer(q, handle):
    count = 0
    while True:
        item = q.get()
        if item is None:
            return count
        handle(item)
        count += 1


def run(items, n_consumers=3, maxsize=2, handle=no_handling):
    q = queue.Queue(maxsize)
    counts = [0] * n_consumers

    def consume(i):
        counts[i] = consumer(q, handle)

    threads = [threading.Thread(target=producer, args=(q, items, n_consumers), name="producer")]
    threads += [
        threading.Thread(target=consume, args=(i,), name=f"consumer-{i}") for i in range(n_consumers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts
