"""Correct, written another way: done callbacks put each future in a list slot or a queue.Queue;
first_done runs in a Thread subclass that takes the first future with get(timeout=...) in a
loop, and the caller joins it with a timeout until it is dead."""

from __future__ import annotations

import queue
import threading
from concurrent.futures import ThreadPoolExecutor


def fetch_all(urls: list[str], fetch, max_workers: int = 4):
    slots = [None] * len(urls)
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        for i, url in enumerate(urls):
            executor.submit(fetch, url).add_done_callback(
                lambda f, i=i: slots.__setitem__(i, f))
    return [(url, f.exception() if f.exception() is not None else f.result())
            for url, f in zip(urls, slots)]


class _First(threading.Thread):
    def __init__(self, urls, fetch, max_workers):
        super().__init__(daemon=True)
        self.urls, self.fetch, self.max_workers = urls, fetch, max_workers
        self.answer = None

    def run(self):
        done = queue.Queue()
        with ThreadPoolExecutor(max_workers=self.max_workers) as executor:
            futures = {}
            for url in self.urls:
                f = executor.submit(self.fetch, url)
                futures[f] = url
                f.add_done_callback(done.put)
            while True:
                try:
                    first = done.get(timeout=0.02)
                    break
                except queue.Empty:
                    continue
            for f in futures:
                f.cancel()
        exc = first.exception()
        self.answer = (futures[first], exc if exc is not None else first.result())


def first_done(urls: list[str], fetch, max_workers: int = 4):
    helper = _First(urls, fetch, max_workers)
    helper.name = "first-done-helper"
    helper.start()
    while helper.is_alive():
        helper.join(timeout=0.1)
    return helper.answer
