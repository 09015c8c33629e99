"""Wrong: the consumer loops over iter(q.get, DONE), which stops at the first item that `==`
DONE, not only at DONE itself: an item that says it equals anything (`unittest.mock.ANY`) ends
the loop. (Each consumer is a Thread subclass that keeps its own count, which is right.)

expect: test_consumer_handles_every_item_in_order[an-item-equal-to-anything] -> STOPPED_EARLY
expect: test_consumer_handles_every_item_in_order[an-item-equal-to-anything] -> EQUAL_STOP
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
    for item in iter(q.get, DONE):  # stops at an item == DONE
        handle(item)
        count += 1
    return count


class Consumer(threading.Thread):
    def __init__(self, index, q, handle):
        super().__init__(name=f"consumer-{index}")
        self.q, self.handle, self.count = q, handle, None

    def run(self):
        self.count = consumer(self.q, self.handle)


def run(items, n_consumers=3, maxsize=2, handle=no_handling):
    q = queue.Queue(maxsize=maxsize)
    consumers = [Consumer(i, q, handle) for i in range(n_consumers)]
    feeding = threading.Thread(target=producer, args=(q, items, n_consumers), name="feeder")
    for thread in [*consumers, feeding]:
        thread.start()
    for thread in [feeding, *consumers]:
        thread.join()
    return [c.count for c in consumers]
