"""Wrong: Resource.lock is a property that makes a new RLock at every access, so set_reverse
and set_one (and any two threads) never hold the same lock: nothing is excluded.

expect: test_resource_lock_excludes_other_threads -> NEW_LOCK_EACH_READ
"""
from __future__ import annotations
import threading


class Resource:
    def __init__(self) -> None:
        self.value = 0

    @property
    def lock(self):
        return threading.RLock()

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
