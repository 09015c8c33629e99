"""Wrong: each pool thread takes slot = len(arrived) and then appends its pair, with no lock, using
the slot as the pair's index: two threads finishing together take the same slot.

expect: test_fetch_all_is_right_when_threads_switch_between_instructions[eight-urls-two-workers-instantly-coin-1] -> RACED
expect: test_fetch_all_is_right_when_threads_switch_between_instructions[eight-urls-two-workers-instantly-coin-2] -> RACED
expect: test_fetch_all_is_right_when_threads_switch_between_instructions[eight-urls-two-workers-instantly-in-step] -> RACED
expect: test_fetch_all_is_right_when_threads_switch_between_instructions[eight-urls-two-workers-instantly-staggered-1] -> RACED
expect: test_fetch_all_is_right_when_threads_switch_between_instructions[eight-urls-two-workers-running-ones-together-coin-1] -> RACED
expect: test_fetch_all_is_right_when_threads_switch_between_instructions[eight-urls-two-workers-running-ones-together-coin-2] -> RACED
expect: test_fetch_all_is_right_when_threads_switch_between_instructions[eight-urls-two-workers-running-ones-together-in-step] -> RACED
expect: test_fetch_all_is_right_when_threads_switch_between_instructions[eight-urls-two-workers-running-ones-together-staggered-1] -> RACED
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor, as_completed  # the tools of this kata

def outcome(future) -> object:
    """What a finished future holds: its result, or the exception its call raised."""
    error = future.exception()
    return future.result() if error is None else error


def fetch_all(urls: list[str], fetch, max_workers: int = 4) -> list[tuple[str, object]]:
    """Fetch every url, at most `max_workers` at once; (url, result or exception) in input order."""
    arrived: list[tuple[str, object]] = []  # pairs, in the order the fetches finish
    slot_of: list[int | None] = [None] * len(urls)  # index in urls -> slot in arrived

    def fetch_into(index: int, url: str) -> None:
        try:
            pair = (url, fetch(url))
        except Exception as error:
            pair = (url, error)
        slot = len(arrived)
        arrived.append(pair)
        slot_of[index] = slot

    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        for index, url in enumerate(urls):
            executor.submit(fetch_into, index, url)
    return [arrived[slot] for slot in slot_of]


def first_done(urls: list[str], fetch, max_workers: int = 4) -> tuple[str, object]:
    """(url, result or exception) of the first fetch to finish; the fetches not started are
    cancelled."""
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        url_of = {executor.submit(fetch, url): url for url in urls}
        first = next(as_completed(url_of))
        for future in url_of:
            future.cancel()
    return url_of[first], outcome(first)


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
