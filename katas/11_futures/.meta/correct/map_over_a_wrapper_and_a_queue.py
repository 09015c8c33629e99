"""Correct: fetch_all maps a wrapper that returns the exception as a value; first_done takes the
first pair from a queue.Queue with a blocking get()."""

from __future__ import annotations

import queue
import time
from concurrent.futures import ThreadPoolExecutor, as_completed  # the tools of this kata


def paired(fetch, url: str) -> tuple[str, object]:
    """(url, what fetch(url) returned, or the exception it raised)."""
    try:
        return url, fetch(url)
    except Exception as error:
        return url, error


def fetch_all(urls: list[str], fetch, max_workers: int = 4) -> list[tuple[str, object]]:
    """Fetch every url, at most `max_workers` at once; (url, result or exception) in input order."""
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        pairs = list(executor.map(paired, [fetch] * len(urls), urls))
    return pairs


def first_done(urls: list[str], fetch, max_workers: int = 4) -> tuple[str, object]:
    """(url, result or exception) of the first fetch to finish; the fetches not started are
    cancelled."""
    finished: queue.Queue = queue.Queue()

    def fetch_and_tell(url: str) -> None:
        finished.put(paired(fetch, url))

    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(fetch_and_tell, url) for url in urls]
        first = finished.get()  # waits for the first pair put
        for future in futures:
            future.cancel()
    return first


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
