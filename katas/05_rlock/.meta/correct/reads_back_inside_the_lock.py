"""Correct: set_reverse reads the new value back while it still holds the lock, and returns it
after the `with` block."""

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
    with resource.lock:
        (set_one if resource.value == 0 else set_zero)(resource)
        new_value = resource.value
    return new_value
