"""Wrong: first_done waits with return_when=FIRST_EXCEPTION, which, when no fetch raises,
waits for all of them, then takes whichever future a set gives first. Which one that is was
the set's business, so the test once passed or failed from run to run; the judge now gives
the futures of a set in the order they were submitted, so it takes the first url's, every
time. (Found in review.)

expect: test_first_done_returns_the_first_fetch_to_finish[returns-six-urls-two-workers] -> NOT_FIRST
expect: test_a_false_result_is_kept_as_it_is[first_done] -> NOT_FIRST
"""

from __future__ import annotations

from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait


def fetch_all(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(fetch, url) for url in urls]
    pairs = []
    for url, future in zip(urls, futures):
        error = future.exception()
        pairs.append((url, error if error is not None else future.result()))
    return pairs


def first_done(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = {executor.submit(fetch, url): url for url in urls}
        done, not_done = wait(futures, return_when=FIRST_EXCEPTION)
        for future in not_done:
            future.cancel()
    first = next(iter(done))
    error = first.exception()
    return futures[first], error if error is not None else first.result()
