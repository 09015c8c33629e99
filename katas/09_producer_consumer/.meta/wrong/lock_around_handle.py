"""Wrong: the consumer holds one lock around handle(), "to be safe": only one consumer works at
a time, and the others wait for the lock with their items in hand.

expect: test_consumers_handle_items_at_the_same_time -> NOT_TOGETHER
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
        q.put(DONE)


HANDLING = threading.Lock()


def consumer(q, handle):
    count = 0
    while True:
        item = q.get()
        if item is DONE:
            return count
        with HANDLING:
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
