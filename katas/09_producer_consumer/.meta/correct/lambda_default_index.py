"""Correct, written another way: each consumer thread's target is `lambda i=i: ...`, which binds
its index when the lambda is made, and is started in the loop that makes it; the producer starts
last, under a name of its own."""

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
            break
        handle(item)
        count += 1
    return count


def run(items, n_consumers=3, maxsize=2, handle=no_handling):
    q = queue.Queue(maxsize)
    counts = [0] * n_consumers
    started = []
    for i in range(n_consumers):
        t = threading.Thread(target=lambda i=i: counts.__setitem__(i, consumer(q, handle)),
                             name=f"consumer-{i}")
        t.start()
        started.append(t)
    p = threading.Thread(target=producer, args=(q, items, n_consumers), name="the-producer")
    p.start()
    for t in [p, *started]:
        t.join()
    return counts
