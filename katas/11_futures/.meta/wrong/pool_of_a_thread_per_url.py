"""Wrong: fetch_all's pool has a thread per url, and a Semaphore keeps the fetches to
max_workers at once: the right count of fetches at once, but max_workers is not the pool's.

expect: test_fetch_runs_in_at_most_max_workers_threads[fetch_all-eight-urls-two-workers] -> TOO_MANY_THREADS
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor, as_completed


def _held(f):
    exc = f.exception()
    return exc if exc is not None else f.result()


def fetch_all(urls: list[str], fetch, max_workers: int = 4):
    gate = threading.Semaphore(max_workers)

    def bounded(url):
        with gate:
            return fetch(url)

    with ThreadPoolExecutor(max_workers=len(urls)) as executor:
        futures = [executor.submit(bounded, url) for url in urls]
    return [(url, _held(f)) for url, f in zip(urls, futures)]


def first_done(urls: list[str], fetch, max_workers: int = 4):
    with ThreadPoolExecutor(max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        first = next(as_completed(url_of))
        executor.shutdown(cancel_futures=True)
    return url_of[first], _held(first)
