"""Correct: value is a property that takes the lock itself, the lock is a read-only property;
set_reverse nests the with statement twice and reads the value it returns before releasing the
lock."""
from __future__ import annotations
import threading


class Resource:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._value = 0

    @property
    def lock(self):
        return self._lock

    @property
    def value(self) -> int:
        with self._lock:
            return self._value

    @value.setter
    def value(self, new: int) -> None:
        with self._lock:
            self._value = new


def set_zero(resource) -> None:
    with resource.lock:
        resource.value = 0


def set_one(resource) -> None:
    with resource.lock:
        resource.value = 1


def set_reverse(resource) -> int:
    with resource.lock, resource.lock:
        if resource.value:
            set_zero(resource)
        else:
            set_one(resource)
        return resource.value
