"""Wrong: first_done waits for the first url's future, not for whichever finishes first.

expect: test_first_done_returns_the_first_fetch_to_finish -> NOT_FIRST
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor


def outcome(future):
    error = future.exception()
    return future.result() if error is None else error


def fetch_all(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(fetch, url) for url in urls]
    return [(url, outcome(future)) for url, future in zip(urls, futures)]


def first_done(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(fetch, url) for url in urls]
        first = futures[0]
        outcome(first)  # waits for it
        for future in futures:
            future.cancel()
    return urls[0], outcome(first)
