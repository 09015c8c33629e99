"""Wrong: fetch_all makes a dict with an entry per url, in the order of urls, fills it as the
fetches finish and returns its items: a url that urls lists twice gets one pair, not two.

expect: test_fetch_all_gives_a_url_listed_twice_a_pair_in_each_place -> PAIR_PER_ITEM
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed


def outcome(future):
    error = future.exception()
    return future.result() if error is None else error


def fetch_all(urls, fetch, max_workers=4):
    results = dict.fromkeys(urls)
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        for future in as_completed(url_of):
            results[url_of[future]] = outcome(future)
    return list(results.items())


def first_done(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        first = next(as_completed(url_of))
        executor.shutdown(cancel_futures=True)
    return url_of[first], outcome(first)
