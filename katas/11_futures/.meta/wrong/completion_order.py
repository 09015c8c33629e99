"""Wrong: fetch_all collects the pairs with as_completed, which yields each future as it
finishes: the pairs come back in the order the fetches finished, not in the order of urls.

expect: test_fetch_all_returns_the_pairs_in_the_order_of_urls -> COMPLETION_ORDER
expect: test_fetch_all_keeps_the_exception_in_place_of_a_result -> COMPLETION_ORDER
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed


def fetch_all(urls, fetch, max_workers=4):
    pairs = []
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        for future in as_completed(url_of):
            error = future.exception()
            pairs.append((url_of[future], future.result() if error is None else error))
    return pairs


def first_done(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        first = next(as_completed(url_of))
        executor.shutdown(cancel_futures=True)
    error = first.exception()
    return url_of[first], first.result() if error is None else error
