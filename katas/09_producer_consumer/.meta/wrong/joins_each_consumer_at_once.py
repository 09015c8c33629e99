"""Wrong: run() joins each consumer right after starting it: consumer-0 does all the work
alone, and the next consumer starts only once it has stopped.

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

    producing = threading.Thread(target=producer, args=(q, items, n_consumers), name="producer")
    producing.start()
    for i in range(n_consumers):
        thread = threading.Thread(target=consume, args=(i,), name=f"consumer-{i}")
        thread.start()
        thread.join()
    producing.join()
    return counts
