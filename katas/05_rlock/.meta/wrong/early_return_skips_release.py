"""Wrong: acquire()/release() by hand, and the early return skips the release.

expect: test_lock_is_free_again_after_each_call[set_reverse-zero-to-one] -> LOCK_STILL_HELD
"""

from __future__ import annotations

import threading


class Resource:
    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.RLock()


def set_zero(resource) -> None:
    with resource.lock:
        resource.value = 0


def set_one(resource) -> None:
    with resource.lock:
        resource.value = 1


def set_reverse(resource) -> int:
    resource.lock.acquire()
    if resource.value == 0:
        set_one(resource)
        return 1
    set_zero(resource)
    resource.lock.release()
    return 0
