"""Correct: set_one/set_zero are functools.partial of one setter; set_reverse indexes a tuple
looked up at call time; the lock is a dataclass field default_factory."""
from __future__ import annotations
import functools
import threading
from dataclasses import dataclass, field


@dataclass
class Resource:
    value: int = 0
    lock: threading.RLock = field(default_factory=threading.RLock)


def _set(resource, value: int) -> None:
    with resource.lock:
        resource.value = value


set_zero = functools.partial(_set, value=0)
set_one = functools.partial(_set, value=1)


def set_reverse(resource) -> int:
    with resource.lock:
        (set_one, set_zero)[resource.value](resource)
        return resource.value
