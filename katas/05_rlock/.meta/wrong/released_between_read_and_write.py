"""Wrong: set_reverse reads under the lock, releases it, then calls set_one/set_zero.

Another way to dodge a plain Lock's deadlock: the lock is free between the read and the write,
so another thread's flip can fall in between.

expect: test_set_reverse_reads_and_writes_in_one_critical_section -> SPLIT_SECTIONS
expect: test_resource_lock_is_reentrant -> NOT_REENTRANT
"""

from __future__ import annotations

import threading


class Resource:
    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.Lock()


def set_zero(resource) -> None:
    with resource.lock:
        resource.value = 0


def set_one(resource) -> None:
    with resource.lock:
        resource.value = 1


def set_reverse(resource) -> int:
    with resource.lock:
        was_zero = resource.value == 0
    if was_zero:
        set_one(resource)
        return 1
    set_zero(resource)
    return 0
