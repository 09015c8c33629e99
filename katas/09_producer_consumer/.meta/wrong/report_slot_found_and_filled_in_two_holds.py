"""Wrong: a finishing consumer finds its report's slot (len(reports)) in one hold of the lock and
appends its report in a second, so two consumers ending together take the same slot.

expect: test_run_is_right_when_threads_switch_between_instructions[falsy-items-four-consumers-in-step] -> RACED
expect: test_run_is_right_when_threads_switch_between_instructions[falsy-items-four-consumers-staggered-1] -> RACED
expect: test_run_is_right_when_threads_switch_between_instructions[ten-items-three-consumers-two-places-coin-1] -> RACED
expect: test_run_is_right_when_threads_switch_between_instructions[ten-items-three-consumers-two-places-coin-2] -> RACED
expect: test_run_is_right_when_threads_switch_between_instructions[ten-items-three-consumers-two-places-in-step] -> RACED
expect: test_run_is_right_when_threads_switch_between_instructions[ten-items-three-consumers-two-places-staggered-1] -> RACED
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
            return count
        handle(item)
        count += 1


def run(
    items: Iterable[object],
    n_consumers: int = 3,
    maxsize: int = 2,
    handle: Callable[[object], object] = no_handling,
) -> list[int]:
    """Run one producer and `n_consumers` consumers over one bounded queue; return each
    consumer's count, by index."""
    q = queue.Queue(maxsize)
    reports: list[int] = []  # counts, in the order the consumers end
    slot_of: dict[int, int] = {}  # consumer index -> its slot in reports
    lock = threading.Lock()

    def consume(i: int) -> None:
        count = consumer(q, handle)
        with lock:
            slot = len(reports)  # the next free slot
        with lock:
            slot_of[i] = slot
            reports.append(count)

    threads = [threading.Thread(target=producer, args=(q, items, n_consumers), name="producer")]
    threads += [
        threading.Thread(target=consume, args=(i,), name=f"consumer-{i}")
        for i in range(n_consumers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [reports[slot_of[i]] for i in range(n_consumers)]


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
