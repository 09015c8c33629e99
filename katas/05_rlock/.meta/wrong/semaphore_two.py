"""Wrong: a Semaphore(2) as the lock: set_reverse no longer deadlocks, but two threads get in.

expect: test_resource_lock_excludes_other_threads -> NOT_EXCLUSIVE
"""

from __future__ import annotations

import threading


class Resource:
    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.Semaphore(2)


def set_zero(resource) -> None:
    with resource.lock:
        resource.value = 0


def set_one(resource) -> None:
    with resource.lock:
        resource.value = 1


def set_reverse(resource) -> int:
    with resource.lock:
        if resource.value == 0:
            set_one(resource)
        else:
            set_zero(resource)
        return resource.value
