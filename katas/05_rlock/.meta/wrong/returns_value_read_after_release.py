"""Wrong: set_reverse flips the value in one hold of the lock, then reads resource.value for its
return after the `with` block: another thread's flip can fall between the release and the read.

expect: test_set_reverse_returns_the_value_it_set_not_a_later_one -> RETURNED_AFTER_RELEASE
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
        if resource.value == 0:
            set_one(resource)
        else:
            set_zero(resource)
    return resource.value
