"""Correct, written another way: set_local_data checks that the index is an int with
operator.index() before it stores it, which always returns a plain int. (Written as a held-out
correct solution: it failed the rule on the after each thread read back while that rule
followed the int main handed in, not the pair set_local_data returned.)"""

from __future__ import annotations

import operator
import threading


def make_store():
    return threading.local()


def read_index(store):
    try:
        return store.index
    except AttributeError:
        return None


def set_local_data(store, index):
    before = read_index(store)
    store.index = operator.index(index)
    return before, read_index(store)


def main(n=5):
    store = make_store()
    before, _ = set_local_data(store, 0)
    results = {}

    def run(index):
        results[threading.current_thread().name] = set_local_data(store, index)

    threads = [threading.Thread(target=run, args=(i + 1,), name=f"thread-{i}") for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results[threading.current_thread().name] = (before, read_index(store))
    return results
