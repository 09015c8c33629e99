"""Wrong: a fetch that raised is tried once more, so fetch is called twice for that url.

expect: test_fetch_all_calls_fetch_once_per_url -> CALLS
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed


def patient(fetch, url):
    try:
        return fetch(url)
    except Exception:
        try:
            return fetch(url)
        except Exception as error:
            return error


def outcome(future):
    error = future.exception()
    return future.result() if error is None else error


def fetch_all(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(patient, fetch, url) for url in urls]
    return [(url, future.result()) for url, future in zip(urls, futures)]


def first_done(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        first = next(as_completed(url_of))
        executor.shutdown(cancel_futures=True)
    return url_of[first], outcome(first)
