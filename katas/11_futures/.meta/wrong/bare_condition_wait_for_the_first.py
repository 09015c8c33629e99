"""Wrong: first_done waits on a Condition without a predicate, so an early notify is lost.

The done-callbacks append their future to a list and `notify()` a Condition; the caller, once
it has submitted everything and added the callbacks, does a bare `cond.wait()`. A fetch that
finishes before the caller reaches that wait (a fast page, or one already done when
add_done_callback runs it at once in the caller's thread) notifies nobody: the caller then sleeps
until some *other* fetch finishes, letting the pool start urls it should have cancelled, and if
no other fetch is left (a single url, or every fetch already done) it never returns.

expect: test_first_done_returns_when_every_fetch_finished_before_it_began_to_wait -> FINISHED_BEFORE_THE_WAIT
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed  # noqa: F401


def fetch_all(urls: list[str], fetch, max_workers: int = 4) -> list[tuple[str, object]]:
    """Fetch every url, at most `max_workers` at once; (url, result or exception) in input order."""
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(fetch, url) for url in urls]
    pairs = []
    for url, future in zip(urls, futures):
        exc = future.exception()
        pairs.append((url, exc if exc is not None else future.result()))
    return pairs


def first_done(urls: list[str], fetch, max_workers: int = 4) -> tuple[str, object]:
    """(url, result or exception) of the first fetch to finish; the fetches not started are
    cancelled."""
    cond = threading.Condition()
    finished = []

    def on_done(future):
        if future.cancelled():
            return
        with cond:
            finished.append(future)
            cond.notify()

    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(fetch, url) for url in urls]
        for future in futures:
            future.add_done_callback(on_done)
        with cond:
            cond.wait()  # woken by the first callback
            first = finished[0]
        for future in futures:
            future.cancel()
    url = urls[futures.index(first)]
    exc = first.exception()
    return url, (exc if exc is not None else first.result())


def demo() -> None:
    """Four slow "pages" fetched by a pool: the last url answers first, one of them fails."""
    delays = {
        "https://example.com/slow": 0.25,
        "https://example.com/broken": 0.15,
        "https://example.com/medium": 0.05,
        "https://example.com/fast": 0.02,
    }
    fetched = []

    def fetch(url: str) -> str:
        fetched.append(url)
        time.sleep(delays[url])
        print(f"    finished {url}")
        if "broken" in url:
            raise ConnectionError(f"{url} is down")
        return f"<{len(url)} bytes from {url}>"

    urls = list(delays)
    print(f"fetch_all({len(urls)} urls, max_workers=3):")
    pairs = fetch_all(urls, fetch, max_workers=3)
    for url, result in pairs:
        print(f"  {url} -> {result!r}")
    assert [url for url, _ in pairs] == urls, "the pairs are not in the order of urls"

    fetched.clear()
    print(f"first_done({len(urls)} urls, max_workers=2):")
    url, result = first_done(urls, fetch, max_workers=2)
    print(f"  {url} -> {result!r}")
    print(f"  fetch was called for {len(fetched)} of {len(urls)} urls: {fetched}")
    assert url == "https://example.com/broken", "the broken url is the first to finish"


if __name__ == "__main__":
    demo()
