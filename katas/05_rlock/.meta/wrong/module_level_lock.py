"""Wrong: the functions take a module-level RLock (as the original did), not resource.lock.

The value changes, but nothing holds the lock that other users of this resource take.

expect: test_set_one_and_set_zero_hold_the_lock_while_writing -> WRITE_OUTSIDE_LOCK
expect: test_set_reverse_reads_and_writes_in_one_critical_section -> READ_OUTSIDE_LOCK
"""

from __future__ import annotations

import threading

LOCK = threading.RLock()


class Resource:
    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.RLock()


def set_zero(resource) -> None:
    with LOCK:
        resource.value = 0


def set_one(resource) -> None:
    with LOCK:
        resource.value = 1


def set_reverse(resource) -> int:
    with LOCK:
        if resource.value == 0:
            set_one(resource)
        else:
            set_zero(resource)
        return resource.value
