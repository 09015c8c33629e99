"""Correct: fetch_all maps a fetch that returns its exception instead of raising it (map keeps
the order of urls); first_done waits with FIRST_COMPLETED, cancels the rest one by one and
shuts the executor down in a finally block."""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait


def fetch_all(urls, fetch, max_workers=4):
    def safe(url):
        try:
            return fetch(url)
        except Exception as exc:
            return exc

    with ThreadPoolExecutor(max_workers) as executor:
        return list(zip(urls, executor.map(safe, urls)))


def first_done(urls, fetch, max_workers=4):
    executor = ThreadPoolExecutor(max_workers)
    try:
        futures = [executor.submit(fetch, url) for url in urls]
        done, not_done = wait(futures, return_when=FIRST_COMPLETED)
        for future in not_done:
            future.cancel()
    finally:
        executor.shutdown()
    first = done.pop()
    url = urls[futures.index(first)]
    try:
        return url, first.result()
    except Exception as exc:
        return url, exc
