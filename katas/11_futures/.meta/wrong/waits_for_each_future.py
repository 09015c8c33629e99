"""Wrong: fetch_all waits for each future before submitting the next url: the pool runs one
fetch at a time.

expect: test_max_workers_fetches_run_at_once_while_that_many_are_pending[fetch_all-eight-urls-two-workers] -> TOO_FEW
expect: test_max_workers_fetches_run_at_once_while_that_many_are_pending[fetch_all-eight-urls-three-workers] -> TOO_FEW
expect: test_max_workers_fetches_run_at_once_while_that_many_are_pending[fetch_all-eight-urls-default-workers] -> TOO_FEW
expect: test_max_workers_fetches_run_at_once_while_that_many_are_pending[fetch_all-three-urls-five-workers] -> TOO_FEW
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed


def outcome(future):
    error = future.exception()
    return future.result() if error is None else error


def fetch_all(urls, fetch, max_workers=4):
    pairs = []
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        for url in urls:
            pairs.append((url, outcome(executor.submit(fetch, url))))
    return pairs


def first_done(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        first = next(as_completed(url_of))
        executor.shutdown(cancel_futures=True)
    return url_of[first], outcome(first)
