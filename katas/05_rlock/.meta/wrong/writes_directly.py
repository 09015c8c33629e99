"""Wrong: set_reverse flips the value itself instead of calling set_one/set_zero.

It sidesteps re-entrancy, the point of the kata.

expect: test_set_reverse_calls_set_one_when_zero_and_set_zero_when_one -> NOT_THROUGH_SETTERS
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
        resource.value = 1 - resource.value
        return resource.value
