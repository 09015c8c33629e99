"""Wrong: run() waits with q.join() instead of joining the consumer threads.

The consumers mark every item (and their DONE) with `q.task_done()`, and `run()` joins the
producer and then calls `q.join()`, believing that "all tasks done" means the consumers are
finished. But a consumer marks its DONE before it returns and before its count is stored, so
`q.join()` can return while the last consumer(s) are still between `task_done()` and
`counts[i] = ...`: `run()` then returns a count of 0 (sum below len(items)) for that consumer,
and leaves consumer threads running after it has returned.

expect: test_run_joins_every_thread_before_returning[ten-items-three-consumers-two-places-quick-handle] -> NOT_JOINED
"""

from __future__ import annotations

import queue
import threading
from typing import Callable, Iterable

#: The sentinel: a consumer that takes it stops. A unique object, so that no item can be taken
#: for it: compare with `item is DONE`.
DONE = object()


def no_handling(item: object) -> None:
    """The default handle: nothing to do with the item."""


def producer(q, items: Iterable[object], n_consumers: int) -> None:
    """Put every item on `q`, in order; then one DONE per consumer."""
    for item in items:
        q.put(item)
    for _ in range(n_consumers):
        q.put(DONE)


def consumer(q, handle: Callable[[object], object]) -> int:
    """Take items from `q` until DONE; handle every other item; return how many were handled."""
    count = 0
    while True:
        item = q.get()
        if item is DONE:
            q.task_done()
            return count
        handle(item)
        count += 1
        q.task_done()


def run(
    items: Iterable[object],
    n_consumers: int = 3,
    maxsize: int = 2,
    handle: Callable[[object], object] = no_handling,
) -> list[int]:
    """Run one producer and `n_consumers` consumers over one bounded queue; return each
    consumer's count, by index."""
    q = queue.Queue(maxsize)
    counts = [0] * n_consumers

    def work(i: int) -> None:
        counts[i] = consumer(q, handle)

    producer_thread = threading.Thread(
        target=producer, args=(q, items, n_consumers), name="producer"
    )
    consumers = [
        threading.Thread(target=work, args=(i,), name=f"consumer-{i}") for i in range(n_consumers)
    ]
    producer_thread.start()
    for thread in consumers:
        thread.start()
    producer_thread.join()  # every item and every DONE has been put
    q.join()  # ... and every one of them has been taken and marked done
    return counts

def demo() -> None:
    """Ten items through three consumers and a queue of two places. The first three items meet
    inside handle(): they can only all get there if three consumers work at the same time."""
    printing = threading.Lock()  # one line at a time: print() is not atomic across threads
    first_three = threading.Barrier(3)

    def handle(item: object) -> None:
        met = ""
        if item in (0, 1, 2):
            first_three.wait(timeout=2)  # BrokenBarrierError if the others never come
            met = ", with two other consumers inside handle() at the same time"
        with printing:
            print(f"{threading.current_thread().name} handles {item!r}{met}")

    counts = run(range(10), 3, 2, handle)
    print(f"counts by consumer: {counts}; {sum(counts)} of 10 items handled")


if __name__ == "__main__":
    demo()
