"""Wrong: each pair holds `(exception is None and result) or exception`: a page that is a false
value (an empty page) becomes None, the "exception" of a fetch that did not raise.

expect: test_a_false_result_is_kept_as_it_is -> FALSE_REPLACED
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed


def fetch_all(urls: list[str], fetch, max_workers: int = 4):
    with ThreadPoolExecutor(max_workers) as executor:
        futures = [executor.submit(fetch, url) for url in urls]
    return [(url, (f.exception() is None and f.result()) or f.exception()) for url, f in zip(urls, futures)]


def first_done(urls: list[str], fetch, max_workers: int = 4):
    with ThreadPoolExecutor(max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        first = next(as_completed(url_of))
        executor.shutdown(cancel_futures=True)
    return url_of[first], (first.exception() is None and first.result()) or first.exception()
