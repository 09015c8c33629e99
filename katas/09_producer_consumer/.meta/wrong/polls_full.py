"""Wrong: the producer spins while the queue is full, then puts without waiting.

expect: test_producer_waits_in_put_without_polling -> PRODUCER_POLLS
"""

from __future__ import annotations

import queue
import threading

DONE = object()


def no_handling(item):
    pass


def producer(q, items, n_consumers):
    for item in [*items, *[DONE] * n_consumers]:
        while q.full():
            pass
        q.put_nowait(item)


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
