"""Correct, written another way: consumers mark each item task_done() and run() waits for
q.join() too; targets are functools.partial objects; counts are kept by thread name."""

from __future__ import annotations

import functools
import queue
import threading

DONE = object()


def no_handling(item):
    pass


def producer(q, items, n_consumers):
    for item in (*items, *(DONE,) * n_consumers):
        q.put(item)


def consumer(q, handle):
    count = 0
    while True:
        item = q.get()
        try:
            if item is DONE:
                return count
            handle(item)
            count += 1
        finally:
            q.task_done()


def run(items, n_consumers=3, maxsize=2, handle=no_handling):
    q = queue.Queue(maxsize)
    counts = {}

    def consume():
        counts[threading.current_thread().name] = consumer(q, handle)

    names = [f"consumer-{i}" for i in range(n_consumers)]
    workers = [threading.Thread(target=consume, name=name) for name in names]
    feeder = threading.Thread(target=functools.partial(producer, q, list(items), n_consumers))
    feeder.start()
    for worker in workers:
        worker.start()
    q.join()  # every item and every DONE taken and marked done
    feeder.join()
    for worker in workers:
        worker.join()
    return [counts[name] for name in names]
