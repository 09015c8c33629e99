"""Wrong: fetch_all gathers the results in a dict by url and returns its items sorted by url,
not in the order of urls.

expect: test_fetch_all_returns_the_pairs_in_the_order_of_urls -> SORTED
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed


def outcome(future):
    error = future.exception()
    return future.result() if error is None else error


def fetch_all(urls, fetch, max_workers=4):
    results = {}
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        for future in as_completed(url_of):
            results[url_of[future]] = outcome(future)
    return sorted(results.items())


def first_done(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        first = next(as_completed(url_of))
        executor.shutdown(cancel_futures=True)
    return url_of[first], outcome(first)
