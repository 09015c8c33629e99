"""Wrong: first_done returns from its except branch before shutting the executor down.

This first_done manages the executor by hand: it waits with wait(FIRST_COMPLETED), cancels the
rest, and calls `executor.shutdown(wait=True)` just before its normal return. When the first
fetch to finish raised, the `except` branch returns `(url, exc)` straight away and the shutdown
is skipped: the pool's threads are still alive after first_done returns (and the fetches still
running go on in the background), breaking "no thread of the pool is left when they return".
Everything else, including the cancellation and the pair itself, is right.

expect: test_every_pool_thread_has_finished_when_it_returns[first_done-when-the-first-raises] -> NOT_SHUT_DOWN_WHEN_RAISED
"""

from __future__ import annotations

import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, as_completed, wait  # noqa: F401


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
    executor = ThreadPoolExecutor(max_workers=max_workers)
    futures = [executor.submit(fetch, url) for url in urls]
    done, not_done = wait(futures, return_when=FIRST_COMPLETED)
    for future in not_done:
        future.cancel()
    index = next(i for i, future in enumerate(futures) if future in done)
    url = urls[index]
    try:
        result = futures[index].result()
    except Exception as exc:
        return url, exc
    executor.shutdown(wait=True)
    return url, result


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
