"""Wrong: a wrapper around threading's own semaphores, made in a helper thread whose target is
list.extend over map(threading.Semaphore, [value]), so that no line of this file is running
when the semaphore is made: threading's semaphore still does all the counting and waiting.

expect: test_neither_class_is_built_on_a_ready_made_semaphore_or_queue -> BUILT_ON_READY_MADE
"""

from __future__ import annotations

import threading


def _made_elsewhere(kind, value):
    box: list = []
    helper = threading.Thread(target=box.extend, args=(map(kind, [value]),))
    helper.start()
    helper.join()
    return box[0]


class Semaphore:
    _kind = threading.Semaphore

    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._inner = _made_elsewhere(self._kind, value)

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        return self._inner.acquire(blocking, timeout)

    def release(self, n: int = 1) -> None:
        self._inner.release(n)

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class BoundedSemaphore(Semaphore):
    _kind = threading.BoundedSemaphore
