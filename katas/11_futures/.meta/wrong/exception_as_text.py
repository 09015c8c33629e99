"""Wrong: fetch_all keeps the text of a failing fetch's exception, not the exception itself.

expect: test_fetch_all_keeps_the_exception_in_place_of_a_result -> WRONG_PAIRS
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed


def fetch_all(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(fetch, url) for url in urls]
    pairs = []
    for url, future in zip(urls, futures):
        try:
            pairs.append((url, future.result()))
        except Exception as exc:
            pairs.append((url, str(exc)))
    return pairs


def first_done(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        first = next(as_completed(url_of))
        executor.shutdown(cancel_futures=True)
    error = first.exception()
    return url_of[first], first.result() if error is None else error
