"""Correct: fetch_all takes the results as they finish into a dict by url and puts them in the
order of urls at the end; first_done cancels every future itself (cancel() is harmless on a
finished or running one) before leaving the `with` block."""

from __future__ import annotations

import concurrent.futures


def fetch_all(urls, fetch, max_workers=4):
    got = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max_workers) as pool:
        url_of = {pool.submit(fetch, url): url for url in urls}
        for future in concurrent.futures.as_completed(url_of):
            got[url_of[future]] = future.exception() or future.result()
    return [(url, got[url]) for url in urls]


def first_done(urls, fetch, max_workers=4):
    with concurrent.futures.ThreadPoolExecutor(max_workers=max_workers) as pool:
        url_of = {pool.submit(fetch, url): url for url in urls}
        for first in concurrent.futures.as_completed(url_of):
            for future in url_of:
                future.cancel()
            break
    return url_of[first], first.exception() or first.result()
