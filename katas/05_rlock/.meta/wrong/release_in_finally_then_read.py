"""Wrong: set_reverse takes the lock with acquire() and releases it in `finally`, then returns
resource.value, read once the lock is free again.

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
    resource.lock.acquire()
    try:
        if resource.value == 0:
            set_one(resource)
        else:
            set_zero(resource)
    finally:
        resource.lock.release()
    new_value = resource.value
    print(f"{threading.current_thread().name} : set_reverse -> {new_value}")
    return new_value
