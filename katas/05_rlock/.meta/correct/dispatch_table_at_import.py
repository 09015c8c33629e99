"""Correct: set_reverse picks the setter from a module-level table built once at import."""
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


#: the setter that flips each value
_FLIP = {0: set_one, 1: set_zero}


def set_reverse(resource) -> int:
    with resource.lock:
        _FLIP[resource.value](resource)
        return resource.value
