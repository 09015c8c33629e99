"""Wrong: Resource() starts with value 1, not 0.

expect: test_new_resource_starts_at_zero -> NEW_VALUE_NOT_ZERO
"""
from __future__ import annotations
import threading


class Resource:
    def __init__(self, value: int = 1) -> None:
        self.value = value
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
