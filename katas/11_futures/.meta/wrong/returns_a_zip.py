"""Wrong: fetch_all returns zip(urls, outcomes), an iterator, not the list of pairs.

expect: test_fetch_all_returns_the_pairs_in_the_order_of_urls -> NOT_A_LIST
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed


def outcome(future):
    error = future.exception()
    return future.result() if error is None else error


def fetch_all(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(fetch, url) for url in urls]
    return zip(urls, map(outcome, futures))


def first_done(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        first = next(as_completed(url_of))
        executor.shutdown(cancel_futures=True)
    return url_of[first], outcome(first)
