"""Wrong: first_done waits for every fetch (wait() waits for ALL_COMPLETED by default), noting
the order they finish in, and only then returns the first.

expect: test_first_done_never_calls_fetch_for_a_url_not_started -> NOT_CANCELLED
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, wait


def outcome(future):
    error = future.exception()
    return future.result() if error is None else error


def fetch_all(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(fetch, url) for url in urls]
    return [(url, outcome(future)) for url, future in zip(urls, futures)]


def first_done(urls, fetch, max_workers=4):
    finished = []
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {}
        for url in urls:
            future = executor.submit(fetch, url)
            url_of[future] = url
            future.add_done_callback(finished.append)
        wait(url_of)
    first = finished[0]
    return url_of[first], outcome(first)
