"""Wrong: set_reverse reads the value before taking the lock (a "fix" that dodges the deadlock).

With a plain Lock, set_reverse no longer takes the lock at all: only set_one/set_zero do. The
read and the write are no longer one critical section, so two threads can both read 0 and both
set 1: one flip is lost.

expect: test_set_reverse_reads_and_writes_in_one_critical_section -> READ_OUTSIDE_LOCK
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
    if resource.value == 0:
        set_one(resource)
        return 1
    set_zero(resource)
    return 0
