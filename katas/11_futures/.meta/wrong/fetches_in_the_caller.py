"""Wrong: fetch_all calls fetch itself, one url after another, in the calling thread: no pool.

expect: test_fetch_runs_in_the_threads_of_a_thread_pool[fetch_all] -> NOT_IN_POOL
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed


def fetch_all(urls, fetch, max_workers=4):
    pairs = []
    for url in urls:
        try:
            pairs.append((url, fetch(url)))
        except Exception as exc:
            pairs.append((url, exc))
    return pairs


def first_done(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        first = next(as_completed(url_of))
        executor.shutdown(cancel_futures=True)
    error = first.exception()
    return url_of[first], first.result() if error is None else error
