"""Correct: each future reports to a queue when it is done (add_done_callback); fetch_all fills
a list by index, first_done takes the first future off the queue."""

from __future__ import annotations

import queue
from concurrent.futures import ThreadPoolExecutor


def outcome(future):
    try:
        return future.result()
    except Exception as exc:
        return exc


def fetch_all(urls, fetch, max_workers=4):
    pairs = [None] * len(urls)
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        for i, url in enumerate(urls):
            future = executor.submit(fetch, url)
            future.add_done_callback(
                lambda f, i=i, url=url: pairs.__setitem__(i, (url, outcome(f)))
            )
    return pairs


def first_done(urls, fetch, max_workers=4):
    finished = queue.SimpleQueue()
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {}
        for url in urls:
            future = executor.submit(fetch, url)
            url_of[future] = url
            future.add_done_callback(finished.put)
        first = finished.get()
        executor.shutdown(cancel_futures=True)
    return url_of[first], outcome(first)
