"""Correct, written another way: each consumer's thread sets a Future to its count; run() waits
for them with concurrent.futures.wait(timeout) in a loop, then joins every thread; the consumer
marks each item task_done()."""

from __future__ import annotations

import concurrent.futures as cf
import queue
import threading

DONE = object()


def no_handling(item):
    """The default: do nothing."""


def producer(q, items, n_consumers):
    for item in items:
        q.put(item)
    for _ in range(n_consumers):
        q.put(DONE)


def consumer(q, handle):
    count = 0
    while True:
        item = q.get()
        try:
            if item is DONE:
                break
            handle(item)
            count += 1
        finally:
            q.task_done()
    return count


def run(items, n_consumers=3, maxsize=2, handle=no_handling):
    q = queue.Queue(maxsize)
    futures = [cf.Future() for _ in range(n_consumers)]

    def consume(fut):
        try:
            fut.set_result(consumer(q, handle))
        except BaseException as exc:
            fut.set_exception(exc)

    threads = [threading.Thread(target=consume, args=(f,), name=f"consumer-{i}")
               for i, f in enumerate(futures)]
    threads.insert(0, threading.Thread(target=producer, args=(q, items, n_consumers)))
    for t in threads:
        t.start()
    pending = set(futures)
    while pending:
        _, pending = cf.wait(pending, timeout=0.2)
    for t in threads:
        t.join()
    return [f.result() for f in futures]
