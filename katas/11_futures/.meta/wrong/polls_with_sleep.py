"""Wrong: first_done looks at the futures every 10 ms instead of waiting for the first to
finish: by the time it looks, a thread of the pool has started the next url.

expect: test_first_done_never_calls_fetch_for_a_url_not_started -> NOT_CANCELLED
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor


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
        while True:
            done = [future for future in url_of if future.done()]
            if done:
                break
            time.sleep(0.01)
        for future in url_of:
            future.cancel()
    return url_of[done[0]], outcome(done[0])
