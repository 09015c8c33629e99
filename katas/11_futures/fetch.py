"""Kata 11: fetching pages with a thread pool, through futures.

`fetch_all(urls, fetch, max_workers)` fetches every url in a `ThreadPoolExecutor` of
`max_workers` threads and returns `(url, result)` pairs in the order of `urls`, whatever order
the fetches finish in. A fetch that raises does not stop the others: its pair holds the
exception it raised, in place of a result.

`first_done(urls, fetch, max_workers)` returns `(url, result)` of the first fetch to finish (the
exception, if that one raised), and cancels every fetch that has not started by then: `fetch`
is never called for those.

Both leave nothing behind: the executor is shut down and all its threads have finished when
they return.

Run the tests with `pytest katas/11_futures`; run the demo with
`python katas/11_futures/fetch.py`.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor, as_completed  # the tools of this kata


def fetch_all(urls: list[str], fetch, max_workers: int = 4) -> list[tuple[str, object]]:
    """Fetch every url, at most `max_workers` at once; (url, result or exception) in input order."""
    # TODO: in a ThreadPoolExecutor of max_workers threads, submit fetch(url) for every url and
    # keep the futures in the order of urls. Return [(url, what its future holds)]: the result,
    # or the exception when the fetch raised (future.result() would raise it again). Use the
    # executor in a `with` block, so that it is shut down before you return.
    raise NotImplementedError


def first_done(urls: list[str], fetch, max_workers: int = 4) -> tuple[str, object]:
    """(url, result or exception) of the first fetch to finish; the fetches not started are
    cancelled."""
    # TODO: submit every url as in fetch_all, then wait for the first future to finish
    # (concurrent.futures.as_completed or wait), cancel every future not started yet, and return
    # (url, result or exception) of that first one, once the executor is shut down.
    raise NotImplementedError


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
