"""Correct: the futures keep their url's index; fetch_all sorts the finished pairs by it, and
first_done cancels with shutdown(cancel_futures=True) outside any `with` block."""

from __future__ import annotations

from concurrent import futures as cf


def fetch_all(urls, fetch, max_workers=4):
    executor = cf.ThreadPoolExecutor(max_workers=max_workers)
    index = {executor.submit(fetch, url): i for i, url in enumerate(urls)}
    executor.shutdown(wait=True)
    pairs = []
    for future, i in sorted(index.items(), key=lambda item: item[1]):
        error = future.exception()
        pairs.append((urls[i], error if error is not None else future.result()))
    return pairs


def first_done(urls, fetch, max_workers=4):
    executor = cf.ThreadPoolExecutor(max_workers=max_workers)
    index = {executor.submit(fetch, url): i for i, url in enumerate(urls)}
    (first, *_), _ = cf.wait(index, return_when=cf.FIRST_COMPLETED)
    executor.shutdown(wait=True, cancel_futures=True)
    error = first.exception()
    return urls[index[first]], error if error is not None else first.result()
