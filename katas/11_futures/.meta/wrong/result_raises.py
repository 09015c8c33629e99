"""Wrong: fetch_all reads every future with result(), which raises the exception of a fetch
that failed again: one failing fetch loses every result.

expect: test_fetch_all_keeps_the_exception_in_place_of_a_result -> EXCEPTION_ESCAPED
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed


def fetch_all(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(fetch, url) for url in urls]
        return [(url, future.result()) for url, future in zip(urls, futures)]


def first_done(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        first = next(as_completed(url_of))
        executor.shutdown(cancel_futures=True)
    error = first.exception()
    return url_of[first], first.result() if error is None else error
