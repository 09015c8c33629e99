"""Wrong: run() starts the consumers, then runs producer() itself, in the calling thread,
instead of in a thread of its own.

expect: test_run_puts_from_one_producer_thread -> PRODUCER_IN_CALLER
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
        threading.Thread(target=consume, args=(i,), name=f"consumer-{i}") for i in range(n_consumers)
    ]
    for thread in threads:
        thread.start()
    producer(q, items, n_consumers)
    for thread in threads:
        thread.join()
    return counts
