"""Wrong: set_reverse calls set_one when the value is already 1, so nothing flips.

expect: test_set_reverse_flips_the_value -> VALUE_NOT_FLIPPED
expect: test_set_reverse_calls_set_one_when_zero_and_set_zero_when_one -> WRONG_SETTER
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
        if resource.value:
            set_one(resource)
        else:
            set_zero(resource)
        return resource.value
