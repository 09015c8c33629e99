"""Correct: named pool threads, logging and prints, an early return for no urls, and both
functions returning from inside the `with` block."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor, as_completed

log = logging.getLogger(__name__)
PREFIX = "fetcher"


def fetch_all(urls, fetch, max_workers=4):
    if not urls:
        return []
    with ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix=PREFIX) as executor:
        futures = [executor.submit(fetch, url) for url in urls]
        out = []
        for url, future in zip(urls, futures):
            try:
                out.append((url, future.result()))
            except Exception as exc:
                log.warning("%s failed: %r", url, exc)
                out.append((url, exc))
        print(f"fetched {len(out)} urls")
        return out


def first_done(urls, fetch, max_workers=4):
    if not urls:
        raise ValueError("no urls")
    with ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix=PREFIX) as executor:
        futures = [(executor.submit(fetch, url), url) for url in urls]
        url_of = dict(futures)
        for future in as_completed(url_of):
            break
        cancelled = [f.cancel() for f, _ in futures]
        print(f"cancelled {sum(cancelled)} fetches")
        if future.exception() is not None:
            return url_of[future], future.exception()
        return url_of[future], future.result()
