"""Wrong: the DONE is put inside the loop over the items (an indentation slip): a DONE follows
every item, so consumers stop while items are still coming.

expect: test_producer_ends_with_one_done_per_consumer[one-consumer] -> TOO_MANY_DONES
expect: test_producer_ends_with_one_done_per_consumer[three-consumers] -> DONE_BEFORE_ITEMS
expect: test_producer_ends_with_one_done_per_consumer[five-consumers] -> TOO_FEW_DONES
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
        q.put(DONE)


def consumer(q, handle):
    count = 0
    while True:
        item = q.get()
        if item is DONE:
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
