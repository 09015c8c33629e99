"""Correct: the threads put their results on a Queue, which main reads with get(timeout) taken
from a time.monotonic() deadline, then it joins them all."""

from __future__ import annotations

import queue
import threading
import time


def make_store():
    return threading.local()


def read_index(store):
    try:
        return store.index
    except AttributeError:
        return None


def set_local_data(store, index):
    before = read_index(store)
    store.index = index
    return before, read_index(store)


def main(n=5):
    store = make_store()
    before, _ = set_local_data(store, 0)
    out = queue.Queue()

    def run(index):
        out.put((threading.current_thread().name, set_local_data(store, index)))

    threads = [threading.Thread(target=run, args=(i + 1,), name=f"thread-{i}") for i in range(n)]
    for t in threads:
        t.start()
    results = {}
    while len(results) < n:
        deadline = time.monotonic() + 0.01
        try:
            name, pair = out.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            continue
        results[name] = pair
    for t in threads:
        t.join()
    results[threading.current_thread().name] = (before, read_index(store))
    return results
