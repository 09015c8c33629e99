"""Correct, written another way: each consumer thread sends (index, count) back on a second,
unbounded queue.Queue, read once every thread is joined; `from queue import Queue`."""

from __future__ import annotations

import threading
from queue import Queue

DONE = object()


def no_handling(item):
    pass


def producer(q, items, n_consumers):
    for item in items:
        q.put(item, block=True)
    for _ in range(n_consumers):
        q.put(DONE, block=True)


def consumer(q, handle):
    handled = 0
    item = q.get()
    while item is not DONE:
        handle(item)
        handled += 1
        item = q.get(True)
    return handled


def run(items, n_consumers=3, maxsize=2, handle=no_handling):
    results = Queue()
    q = Queue(maxsize)

    def consume(i):
        results.put((i, consumer(q, handle)))

    threads = [threading.Thread(target=producer, args=(q, items, n_consumers), name="producer")]
    for i in range(n_consumers):
        threads.append(threading.Thread(target=consume, args=(i,), name=f"consumer-{i}"))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts = dict(results.get() for _ in range(n_consumers))
    return [counts[i] for i in range(n_consumers)]
