"""Wrong: each function makes a new RLock and holds that: no other thread ever takes it, so it
excludes nobody.

expect: test_set_one_and_set_zero_hold_the_lock_while_writing -> WRITE_OUTSIDE_LOCK
expect: test_set_reverse_reads_and_writes_in_one_critical_section -> READ_OUTSIDE_LOCK
expect: test_functions_wait_while_another_thread_holds_the_lock -> ACQUIRE_RESULT_IGNORED
"""
from __future__ import annotations
import threading

class Resource:
    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.RLock()


def set_zero(resource) -> None:
    with threading.RLock():
        resource.value = 0


def set_one(resource) -> None:
    with threading.RLock():
        resource.value = 1


def set_reverse(resource) -> int:
    with threading.RLock():
        if resource.value == 0:
            set_one(resource)
        else:
            set_zero(resource)
        return resource.value
