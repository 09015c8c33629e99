"""Correct: callbacks and a hand-made Event in place of as_completed, and executor.map for fetch_all.

`first_done` gives every future a done-callback; the first callback to take the lock names the
winner, cancels every other future from the pool's own thread (before that thread can take the
next call off the queue) and sets a `threading.Event` the caller waits on. `fetch_all` runs a
wrapper through `executor.map`, which yields in the order of `urls`; the wrapper hands back the
exception object instead of letting it through, so one failure cannot stop the others.
"""

from __future__ import annotations

import functools
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed  # noqa: F401  (the kata's tools)


def _page_or_exception(fetch, url):
    """What fetch(url) returns, or the exception object it raised (never raised again)."""
    try:
        return fetch(url)
    except BaseException as exc:  # a future would keep any of them: so do we
        return exc


def fetch_all(urls: list[str], fetch, max_workers: int = 4) -> list[tuple[str, object]]:
    """Fetch every url, at most `max_workers` at once; (url, result or exception) in input order."""
    urls = list(urls)
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        # map submits every call at once and yields their values in the order of `urls`
        values = list(executor.map(functools.partial(_page_or_exception, fetch), urls))
    return list(zip(urls, values))


def first_done(urls: list[str], fetch, max_workers: int = 4) -> tuple[str, object]:
    """(url, result or exception) of the first fetch to finish; the fetches not started are
    cancelled."""
    urls = list(urls)
    lock = threading.Lock()
    decided = threading.Event()
    winner: list[int] = []  # the index of the first future to finish, once there is one

    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = [executor.submit(fetch, url) for url in urls]

        def on_done(index, future):
            if future.cancelled():  # the callbacks of the futures we cancel come here too
                return
            with lock:
                if winner:
                    return
                winner.append(index)
            # outside the lock: cancel() runs the callbacks of the cancelled future at once
            for other in futures:
                other.cancel()
            decided.set()

        # every future is in `futures` before the first callback can run
        for index, future in enumerate(futures):
            future.add_done_callback(functools.partial(on_done, index))
        decided.wait()
        for future in futures:  # already done by the winner's callback; harmless again
            future.cancel()

    index = winner[0]
    future = futures[index]
    exc = future.exception()
    return urls[index], (exc if exc is not None else future.result())


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
