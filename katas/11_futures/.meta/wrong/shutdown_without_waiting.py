"""Wrong: first_done cancels what has not started and shuts the executor down, but with
wait=False: it returns while a fetch still runs in one of the pool's threads.

expect: test_every_pool_thread_has_finished_when_it_returns[first_done] -> NOT_SHUT_DOWN
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
    executor = ThreadPoolExecutor(max_workers=max_workers)
    url_of = {executor.submit(fetch, url): url for url in urls}
    first = next(as_completed(url_of))
    executor.shutdown(wait=False, cancel_futures=True)
    return url_of[first], outcome(first)
