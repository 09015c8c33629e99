"""Correct: read_index looks in the store's __dict__; main waits on one Event per thread with
wait(0.01) in a loop, then joins them all."""

from __future__ import annotations

import threading


def make_store():
    return threading.local()


def read_index(store):
    return store.__dict__.get("index")


def set_local_data(store, index):
    before = read_index(store)
    setattr(store, "index", index)
    return before, read_index(store)


def main(n=5):
    store = make_store()
    before, _ = set_local_data(store, 0)
    results = {}
    lock = threading.Lock()
    events = []

    def run(index, done):
        try:
            pair = set_local_data(store, index)
            with lock:
                results[threading.current_thread().name] = pair
        finally:
            done.set()

    threads = []
    for i in range(n):
        done = threading.Event()
        events.append(done)
        threads.append(threading.Thread(target=run, args=(i + 1, done), name=f"thread-{i}"))
    for t in threads:
        t.start()
    for done in events:
        while not done.wait(0.01):
            pass
    for t in threads:
        t.join()
    results[threading.current_thread().name] = (before, read_index(store))
    return results
