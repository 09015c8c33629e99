"""Correct, written another way: the producer runs in a threading.Timer; each consumer logs and
prints every item, counts in a threading.local subclass, and leaves its count in a list under a
lock taken with acquire()/release()."""

from __future__ import annotations

import logging
import queue
import threading

DONE = object()


def no_handling(item):
    """The default: do nothing."""


log = logging.getLogger("pipeline")


class Tally(threading.local):
    def __init__(self):
        self.count = 0


def producer(q, items, n_consumers):
    for item in items:
        q.put(item)
    for _ in range(n_consumers):
        q.put(DONE)


def consumer(q, handle):
    tally = Tally()
    while (item := q.get()) is not DONE:
        log.warning("%s handles %r", threading.current_thread().name, item)
        print(threading.current_thread().name, "handles", item)
        handle(item)
        tally.count += 1
    return tally.count


def run(items, n_consumers=3, maxsize=2, handle=no_handling):
    q = queue.Queue(maxsize)
    counts = [0] * n_consumers
    lock = threading.Lock()

    def consume(i):
        n = consumer(q, handle)
        lock.acquire()
        try:
            counts[i] = n
        finally:
            lock.release()

    timer = threading.Timer(0.01, producer, args=(q, items, n_consumers))
    workers = [threading.Thread(target=consume, args=(i,), name=f"consumer-{i}")
               for i in range(n_consumers)]
    timer.start()
    for w in workers:
        w.start()
    timer.join()
    for w in workers:
        w.join()
    return counts
