"""Wrong: first_done returns at once when the first fetch raised, before it cancels the others:
the end of the `with` block then runs every fetch still queued.

expect: test_first_done_never_calls_fetch_for_a_url_not_started[raises-six-urls-two-workers] -> NOT_CANCELLED
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
        first = next(as_completed(url_of))
        if first.exception() is not None:
            return url_of[first], first.exception()
        for future in url_of:
            future.cancel()
        return url_of[first], first.result()
