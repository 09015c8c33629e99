"""Wrong: a thread per url, bounded by a semaphore, instead of a ThreadPoolExecutor (and
first_done has no way to cancel what has not started).

expect: test_fetch_runs_in_the_threads_of_a_thread_pool -> NOT_IN_POOL
"""

from __future__ import annotations

import queue
import threading


def run_all(urls, fetch, max_workers, done):
    slots = threading.Semaphore(max_workers)
    outcomes = {}

    def one(url):
        with slots:
            try:
                outcomes[url] = fetch(url)
            except Exception as exc:
                outcomes[url] = exc
        done.put(url)

    threads = [threading.Thread(target=one, args=(url,)) for url in urls]
    for thread in threads:
        thread.start()
    return threads, outcomes


def fetch_all(urls, fetch, max_workers=4):
    threads, outcomes = run_all(urls, fetch, max_workers, queue.SimpleQueue())
    for thread in threads:
        thread.join()
    return [(url, outcomes[url]) for url in urls]


def first_done(urls, fetch, max_workers=4):
    done = queue.SimpleQueue()
    threads, outcomes = run_all(urls, fetch, max_workers, done)
    first = done.get()
    for thread in threads:
        thread.join()
    return first, outcomes[first]
