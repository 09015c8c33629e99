"""Wrong: the producer puts a single DONE for all the consumers: the consumer that takes it
stops, and every other consumer waits in q.get() for ever, for an item nothing will ever put.

expect: test_producer_ends_with_one_done_per_consumer[three-consumers] -> TOO_FEW_DONES
expect: test_producer_ends_with_one_done_per_consumer[five-consumers] -> TOO_FEW_DONES
expect: test_run_handles_every_item_exactly_once[ten-items-three-consumers-two-places] -> judge.DEADLOCK
expect: test_run_handles_every_item_exactly_once[ten-items-three-consumers-two-places] -> STUCK
expect: test_run_handles_every_item_exactly_once[falsy-items-four-consumers] -> judge.DEADLOCK
expect: test_run_handles_every_item_exactly_once[no-items] -> judge.DEADLOCK
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

    threads = [threading.Thread(target=producer, args=(q, items, n_consumers))]
    threads += [
        threading.Thread(target=consume, args=(i,), name=f"consumer-{i}") for i in range(n_consumers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts
