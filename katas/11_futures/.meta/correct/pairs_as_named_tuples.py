"""Correct: each (url, result) pair is a typing.NamedTuple, Page(url, result): a tuple (it
unpacks as `url, result` and equals the plain tuple), with names for its two fields. fetch_all
reads the futures in the order of urls; first_done takes the first of as_completed.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor, as_completed  # the tools of this kata
from typing import NamedTuple


class Page(NamedTuple):
    """What fetching one url gave: its page, or the exception the fetch raised."""

    url: str
    result: object


def _page(url: str, future) -> Page:
    """The Page of a finished future: its result, or the exception its call raised."""
    error = future.exception()
    return Page(url, future.result() if error is None else error)


def fetch_all(urls: list[str], fetch, max_workers: int = 4) -> list[tuple[str, object]]:
    """Fetch every url, at most `max_workers` at once; (url, result or exception) in input order."""
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(fetch, url) for url in urls]
        return [_page(url, future) for url, future in zip(urls, futures)]


def first_done(urls: list[str], fetch, max_workers: int = 4) -> tuple[str, object]:
    """(url, result or exception) of the first fetch to finish; the fetches not started are
    cancelled."""
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        first = next(as_completed(url_of))
        for future in url_of:
            future.cancel()
    return _page(url_of[first], first)


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
