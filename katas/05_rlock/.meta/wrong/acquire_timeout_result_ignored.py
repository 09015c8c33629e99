"""Wrong: each function takes the lock with acquire(timeout=...) "so that it can never hang",
and ignores the result: when another thread holds the lock longer, it reads and writes without
it (and its release() then raises, or frees another thread's hold).

expect: test_functions_wait_while_another_thread_holds_the_lock -> ACQUIRE_RESULT_IGNORED
"""
from __future__ import annotations
import threading

class Resource:
    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.RLock()


def set_zero(resource) -> None:
    resource.lock.acquire(timeout=0.5)
    try:
        resource.value = 0
    finally:
        resource.lock.release()


def set_one(resource) -> None:
    resource.lock.acquire(timeout=0.5)
    try:
        resource.value = 1
    finally:
        resource.lock.release()


def set_reverse(resource) -> int:
    resource.lock.acquire(timeout=0.5)
    try:
        if resource.value == 0:
            set_one(resource)
        else:
            set_zero(resource)
        return resource.value
    finally:
        resource.lock.release()
