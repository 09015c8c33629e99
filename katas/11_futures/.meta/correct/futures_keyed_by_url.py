"""Correct: fetch_all keeps its futures in a dict keyed by url. A url that urls lists twice is
submitted twice and the second future replaces the first in the dict, so both its places get
the second fetch's result: still a pair in each place, in the order of urls. (Written from the
lesson alone as a held-out wrong solution, "duplicate urls collapse into one pair"; they do
not.)"""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait


def fetch_all(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = {url: executor.submit(fetch, url) for url in urls}
    pairs = []
    for url in urls:
        error = futures[url].exception()
        pairs.append((url, error if error is not None else futures[url].result()))
    return pairs


def first_done(urls, fetch, max_workers=4):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        done, not_done = wait(url_of, return_when=FIRST_COMPLETED)
        for future in not_done:
            future.cancel()
        first = next(iter(done))
    error = first.exception()
    return url_of[first], error if error is not None else first.result()
