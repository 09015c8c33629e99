"""Correct: no `with` block; each executor shut down in a finally (shutdown(wait=True), and
cancel_futures=True in first_done after cancelling the queued futures one by one)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed


def _outcome(future):
    error = future.exception()
    if error is not None:
        return error
    return future.result()


def fetch_all(urls, fetch, max_workers=4):
    executor = ThreadPoolExecutor(max_workers=max_workers)
    try:
        futures = []
        for url in urls:
            futures.append(executor.submit(fetch, url))
        pairs = []
        for url, future in zip(urls, futures):
            pairs.append((url, _outcome(future)))
        return pairs
    finally:
        executor.shutdown(wait=True)


def first_done(urls, fetch, max_workers=4):
    executor = ThreadPoolExecutor(max_workers=max_workers)
    try:
        futures = {executor.submit(fetch, url): url for url in urls}
        first = next(iter(as_completed(futures)))
        for future in futures:
            if not future.running():
                future.cancel()
        return futures[first], _outcome(first)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
