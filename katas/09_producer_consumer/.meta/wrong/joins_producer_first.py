"""Wrong: run() starts the producer and joins it before it starts the consumers: the producer
waits in q.put() on a full queue for ever, since no consumer runs yet to make room.

expect: test_run_handles_every_item_exactly_once -> judge.DEADLOCK
expect: test_run_handles_every_item_exactly_once -> STUCK
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
    producing.join()
    consumers = [
        threading.Thread(target=consume, args=(i,), name=f"consumer-{i}") for i in range(n_consumers)
    ]
    for thread in consumers:
        thread.start()
    for thread in consumers:
        thread.join()
    return counts
