"""Correct, written another way: as_completed(timeout=0.01) in a loop that starts again on
TimeoutError, results put by index in a dict."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor, TimeoutError, as_completed


def fetch_all(urls: list[str], fetch, max_workers: int = 4):
    results = {}
    with ThreadPoolExecutor(max_workers) as executor:
        futures = {executor.submit(fetch, url): i for i, url in enumerate(urls)}
        left = set(futures)
        while left:
            try:
                for f in as_completed(left, timeout=0.01):
                    left.discard(f)
                    try:
                        results[futures[f]] = f.result(timeout=0)
                    except Exception as exc:
                        results[futures[f]] = exc
            except TimeoutError:
                continue
    return [(url, results[i]) for i, url in enumerate(urls)]


def first_done(urls: list[str], fetch, max_workers: int = 4):
    with ThreadPoolExecutor(max_workers) as executor:
        futures = {executor.submit(fetch, url): url for url in urls}
        started = time.time()
        first = None
        while first is None:
            try:
                first = next(as_completed(futures, timeout=0.01))
            except TimeoutError:
                assert time.time() >= started
        for f in futures:
            f.cancel()
    try:
        return futures[first], first.result()
    except Exception as exc:
        return futures[first], exc
