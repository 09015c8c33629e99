"""Wrong: first_done cancels the other fetches in the done-callback of the first one to finish,
the earliest moment; but the callback cancels only the futures submitted so far. When the first
fetch finishes while first_done is still submitting (a fast page), the urls submitted after it
are never cancelled, and fetch runs for every one of them.

expect: test_first_done_never_calls_fetch_for_a_url_not_started_when_the_first_finished_at_once -> NOT_CANCELLED_AFTER_SUBMITTING
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor


def fetch_all(urls: list[str], fetch, max_workers: int = 4) -> list[tuple[str, object]]:
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(fetch, url) for url in urls]
    pairs = []
    for url, future in zip(urls, futures):
        exc = future.exception()
        pairs.append((url, exc if exc is not None else future.result()))
    return pairs


def first_done(urls: list[str], fetch, max_workers: int = 4) -> tuple[str, object]:
    submitted = []
    winner = []
    lock = threading.Lock()

    def on_done(future):
        with lock:
            if winner or future.cancelled():
                return
            winner.append(future)
            others = list(submitted)
        for other in others:
            other.cancel()

    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        for url in urls:
            future = executor.submit(fetch, url)
            with lock:
                submitted.append(future)
            future.add_done_callback(on_done)
    first = winner[0]
    url = urls[submitted.index(first)]
    exc = first.exception()
    return url, (exc if exc is not None else first.result())
