"""Correct, written another way: on Python 3.13+ the producer shuts the queue down after its
last item instead of putting DONEs, and the consumer stops on queue.ShutDown too; on older
Pythons it puts one DONE per consumer."""

from __future__ import annotations

import queue
import threading

DONE = object()
#: queue.ShutDown exists from Python 3.13; `except ()` catches nothing.
SHUT_DOWN = getattr(queue, "ShutDown", ())


def no_handling(item):
    pass


def producer(q, items, n_consumers):
    for item in items:
        q.put(item)
    if hasattr(q, "shutdown"):
        q.shutdown()  # the consumers take what is left; then their get() raises ShutDown
    else:
        for _ in range(n_consumers):
            q.put(DONE)


def consumer(q, handle):
    count = 0
    while True:
        try:
            item = q.get()
        except SHUT_DOWN:
            return count
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
    threads.append(threading.Thread(target=producer, args=(q, items, n_consumers)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts
