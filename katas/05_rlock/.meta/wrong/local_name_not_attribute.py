"""Wrong: set_one/set_zero assign a local name, not resource.value: the value never changes.

The original example's bug in object form: there, `RESOURCE = 1` inside a function without
`global RESOURCE` made a local variable; here `value = 1` does the same.

expect: test_set_one_and_set_zero_set_the_value -> VALUE_NOT_SET
expect: test_set_reverse_flips_the_value -> VALUE_NOT_FLIPPED
"""

from __future__ import annotations

import threading


class Resource:
    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.RLock()


def set_zero(resource) -> None:
    with resource.lock:
        value = 0


def set_one(resource) -> None:
    with resource.lock:
        value = 1


def set_reverse(resource) -> int:
    with resource.lock:
        if resource.value == 0:
            set_one(resource)
        else:
            set_zero(resource)
        return resource.value
