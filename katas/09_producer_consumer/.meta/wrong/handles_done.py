"""Wrong: the consumer hands every item to handle() before it looks at it, DONE included.

expect: test_consumer_never_hands_done_to_handle -> DONE_HANDLED
expect: test_run_handles_every_item_exactly_once -> DONE_HANDLED
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


def consumer(q, handle):
    count = 0
    while True:
        item = q.get()
        handle(item)
        if item is DONE:
            return count
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
