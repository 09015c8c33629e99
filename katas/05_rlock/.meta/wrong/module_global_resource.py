"""Wrong: the original example's shape: a module-level RESOURCE and lock, the argument ignored.

`global RESOURCE` fixes the original's bug, but the resource passed in never changes, and its
own lock is never taken.

expect: test_set_one_and_set_zero_set_the_value -> VALUE_NOT_SET
expect: test_set_reverse_flips_the_value -> VALUE_NOT_FLIPPED
"""

from __future__ import annotations

import threading

RESOURCE = 0
LOCK = threading.RLock()


class Resource:
    def __init__(self) -> None:
        self.value = 0
        self.lock = LOCK


def set_zero(resource) -> None:
    global RESOURCE
    with LOCK:
        RESOURCE = 0


def set_one(resource) -> None:
    global RESOURCE
    with LOCK:
        RESOURCE = 1


def set_reverse(resource) -> int:
    with LOCK:
        if RESOURCE == 0:
            set_one(resource)
        else:
            set_zero(resource)
        return RESOURCE
