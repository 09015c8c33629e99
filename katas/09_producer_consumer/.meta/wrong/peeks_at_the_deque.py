"""Wrong: producer and consumer look at the queue's own deque, `q.queue`, and nap until it has
room or an item: polling, through an attribute instead of a method.

expect: test_consumer_waits_in_get_without_polling -> CONSUMER_POLLS
expect: test_producer_waits_in_put_without_polling -> PRODUCER_POLLS
"""

from __future__ import annotations

import queue
import threading
import time

DONE = object()


def no_handling(item):
    pass


def producer(q, items, n_consumers):
    for item in [*items, *[DONE] * n_consumers]:
        while q.maxsize and len(q.queue) >= q.maxsize:
            time.sleep(0.01)
        q.put(item)


def consumer(q, handle):
    count = 0
    while True:
        if not q.queue:
            time.sleep(0.01)
            continue
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
