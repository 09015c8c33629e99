"""Wrong: Resource's lock is a plain threading.Lock, so set_reverse waits for itself forever.

expect: test_set_reverse_completes_with_the_resources_own_lock -> judge.DEADLOCK
expect: test_set_reverse_completes_with_the_resources_own_lock -> DEADLOCK
expect: test_resource_lock_is_reentrant -> NOT_REENTRANT
"""

from __future__ import annotations

import threading


class Resource:
    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.Lock()


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
