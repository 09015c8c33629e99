"""Correct: set_reverse remembers which value it set and returns that after the `with` block,
without reading resource.value again."""

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
        if resource.value == 0:
            set_one(resource)
            new_value = 1
        else:
            set_zero(resource)
            new_value = 0
    return new_value
