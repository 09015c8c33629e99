"""Wrong: the executors are made and used, but never shut down: their threads keep waiting for
more work after fetch_all and first_done return.

expect: test_every_pool_thread_has_finished_when_it_returns[fetch_all] -> NOT_SHUT_DOWN
expect: test_every_pool_thread_has_finished_when_it_returns[first_done] -> NOT_SHUT_DOWN
expect: test_every_pool_thread_has_finished_when_it_returns[first_done-when-the-first-raises] -> NOT_SHUT_DOWN_WHEN_RAISED
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed


def outcome(future):
    error = future.exception()
    return future.result() if error is None else error


def fetch_all(urls, fetch, max_workers=4):
    executor = ThreadPoolExecutor(max_workers=max_workers)
    futures = [executor.submit(fetch, url) for url in urls]
    return [(url, outcome(future)) for url, future in zip(urls, futures)]


def first_done(urls, fetch, max_workers=4):
    executor = ThreadPoolExecutor(max_workers=max_workers)
    url_of = {executor.submit(fetch, url): url for url in urls}
    first = next(as_completed(url_of))
    for future in url_of:
        future.cancel()
    return url_of[first], outcome(first)
