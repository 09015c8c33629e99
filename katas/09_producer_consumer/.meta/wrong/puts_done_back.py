"""Wrong: one DONE for all the consumers, which each consumer puts back before it stops, to
pass it on. Every consumer stops, but the last DONE stays in the queue. (Found in review: the
failure said the consumer went on taking items, when it had put DONE back.)

expect: test_consumer_stops_at_done -> DONE_PUT_BACK
"""

from __future__ import annotations

import queue
import threading

DONE = object()


def no_handling(item):
    """The default handle: nothing to do with the item."""


def producer(q, items, n_consumers):
    for item in items:
        q.put(item)
    q.put(DONE)


def consumer(q, handle):
    count = 0
    while True:
        item = q.get()
        if item is DONE:
            q.put(DONE)  # pass it on to the next consumer
            return count
        handle(item)
        count += 1


def run(items, n_consumers=3, maxsize=2, handle=no_handling):
    q = queue.Queue(maxsize)
    counts = [0] * n_consumers

    def work(i):
        counts[i] = consumer(q, handle)

    threads = [threading.Thread(target=producer, args=(q, items, n_consumers))]
    threads += [threading.Thread(target=work, args=(i,), name=f"consumer-{i}") for i in range(n_consumers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counts
