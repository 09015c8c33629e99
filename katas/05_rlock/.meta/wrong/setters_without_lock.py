"""Wrong: set_one and set_zero write without the lock (fine inside set_reverse, unsafe alone).

expect: test_set_one_and_set_zero_hold_the_lock_while_writing -> WRITE_OUTSIDE_LOCK
"""

from __future__ import annotations

import threading


class Resource:
    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.RLock()


def set_zero(resource) -> None:
    resource.value = 0


def set_one(resource) -> None:
    resource.value = 1


def set_reverse(resource) -> int:
    with resource.lock:
        if resource.value == 0:
            set_one(resource)
        else:
            set_zero(resource)
        return resource.value
