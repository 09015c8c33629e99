"""Wrong: run() joins each thread with a timeout, so as never to hang, on daemon threads: a
handle() that takes longer makes run() return while a consumer is still inside, with counts
that are not final.

expect: test_run_joins_every_thread_before_returning[ten-items-three-consumers-two-places-long-handle] -> NOT_JOINED
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

    threads = [
        threading.Thread(
            target=producer, args=(q, items, n_consumers), name="producer", daemon=True
        )
    ]
    threads += [
        threading.Thread(target=consume, args=(i,), name=f"consumer-{i}", daemon=True)
        for i in range(n_consumers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    return counts
