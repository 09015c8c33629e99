"""Wrong: first_done returns the first future as_completed yields, but from inside the `with`
block, whose end only waits: every fetch not started still runs before first_done returns.

expect: test_first_done_never_calls_fetch_for_a_url_not_started -> NOT_CANCELLED
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed


def outcome(future):
    error = future.exception()
    return future.result() if error is None else error


def fetch_all(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(fetch, url) for url in urls]
    return [(url, outcome(future)) for url, future in zip(urls, futures)]


def first_done(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        for future in as_completed(url_of):
            return url_of[future], outcome(future)
