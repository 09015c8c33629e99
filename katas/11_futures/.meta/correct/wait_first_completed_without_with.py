"""Correct: no `with` block and no as_completed; wait(FIRST_COMPLETED) and shutdown in a finally.

The executor is created by hand and shut down in a `finally`, `first_done` with
`cancel_futures=True` as a second net under its own cancel loop. `first_done` waits with
`concurrent.futures.wait(..., return_when=FIRST_COMPLETED)` and cancels its `not_done` set at
once; `fetch_all` waits for all the futures with `wait()` and then reads them by index.
"""

from __future__ import annotations

import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, as_completed, wait  # noqa: F401


def _held(future):
    """What a finished future holds: its exception object if it raised, else its result."""
    exc = future.exception()
    return exc if exc is not None else future.result()


def fetch_all(urls: list[str], fetch, max_workers: int = 4) -> list[tuple[str, object]]:
    """Fetch every url, at most `max_workers` at once; (url, result or exception) in input order."""
    urls = list(urls)
    executor = ThreadPoolExecutor(max_workers=max_workers)
    try:
        futures = [executor.submit(fetch, url) for url in urls]
        wait(futures)  # ALL_COMPLETED
        return [(urls[i], _held(futures[i])) for i in range(len(urls))]
    finally:
        executor.shutdown(wait=True)


def first_done(urls: list[str], fetch, max_workers: int = 4) -> tuple[str, object]:
    """(url, result or exception) of the first fetch to finish; the fetches not started are
    cancelled."""
    urls = list(urls)
    executor = ThreadPoolExecutor(max_workers=max_workers)
    try:
        futures = [executor.submit(fetch, url) for url in urls]
        done, not_done = wait(futures, return_when=FIRST_COMPLETED)
        for future in not_done:
            future.cancel()  # False for those already running: they run to their end
        index = next(i for i, future in enumerate(futures) if future in done)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return urls[index], _held(futures[index])


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
