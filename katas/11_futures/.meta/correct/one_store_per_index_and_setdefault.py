"""Correct: one store per index; first_done keeps the winner with dict.setdefault and an Event."""

from __future__ import annotations

import threading
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
    pairs: list = [None] * len(urls)

    def fetch_into(index: int, url: str) -> None:
        pairs[index] = paired(fetch, url)  # each thread its own index: one store

    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        for index, url in enumerate(urls):
            executor.submit(fetch_into, index, url)
    return pairs


def first_done(urls: list[str], fetch, max_workers: int = 4) -> tuple[str, object]:
    """(url, result or exception) of the first fetch to finish; the fetches not started are
    cancelled."""
    box: dict[str, tuple[str, object]] = {}
    someone_finished = threading.Event()

    def race_to_finish(url: str) -> None:
        box.setdefault("first", paired(fetch, url))  # only the first one in is kept
        someone_finished.set()

    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(race_to_finish, url) for url in urls]
        someone_finished.wait()
        for future in futures:
            future.cancel()
    return box["first"]


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
