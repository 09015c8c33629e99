"""Wrong: set_reverse returns the value it read before the flip.

expect: test_set_reverse_returns_the_new_value -> RETURNED_WRONG
expect: test_set_reverse_completes_with_the_resources_own_lock -> RETURNED_WRONG
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
    with resource.lock:
        old = resource.value
        if old == 0:
            set_one(resource)
        else:
            set_zero(resource)
        return old
