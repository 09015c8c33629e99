"""Wrong: each consumer thread runs `lambda: consume(i)`, started in the loop that counts i: the
lambda reads i when the thread runs, which may be after the loop moved on, so a count can land
at another consumer's index.

expect: test_run_keeps_counts_by_index_when_consumer_0_ends_last -> COUNTS_LATE_BOUND
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

    threads = [threading.Thread(target=producer, args=(q, items, n_consumers), name="producer")]
    threads[0].start()
    for i in range(n_consumers):
        thread = threading.Thread(target=lambda: consume(i), name=f"consumer-{i}")
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    return counts
