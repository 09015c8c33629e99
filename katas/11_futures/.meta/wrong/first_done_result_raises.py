"""Wrong: first_done returns first.result(), which raises again when the first fetch to finish
raised, instead of returning (url, the exception).

expect: test_first_done_returns_the_first_fetch_to_finish[raises-six-urls-two-workers] -> FIRST_RAISED
expect: test_first_done_returns_the_first_fetch_to_finish[raises-six-urls-three-workers] -> FIRST_RAISED
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed


def fetch_all(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(fetch, url) for url in urls]
    pairs = []
    for url, future in zip(urls, futures):
        error = future.exception()
        pairs.append((url, future.result() if error is None else error))
    return pairs


def first_done(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        first = next(as_completed(url_of))
        executor.shutdown(cancel_futures=True)
    return url_of[first], first.result()
