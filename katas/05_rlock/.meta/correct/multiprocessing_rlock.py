"""Correct: Resource.lock is a multiprocessing.RLock(): re-entrant, and exclusive between
threads too (its acquire() names its flag `block`, not `blocking`)."""
from __future__ import annotations

import multiprocessing


class Resource:
    def __init__(self) -> None:
        self.value = 0
        self.lock = multiprocessing.RLock()

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
