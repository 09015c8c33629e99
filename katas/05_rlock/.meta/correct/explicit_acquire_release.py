"""Correct: acquire() and release() by hand, each release in a finally block."""

from __future__ import annotations

import threading


class Resource:
    """A value, 0 or 1, and the lock that guards it."""

    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.RLock()


def set_zero(resource) -> None:
    """Set resource.value to 0 while holding resource.lock."""
    resource.lock.acquire()
    try:
        resource.value = 0
    finally:
        resource.lock.release()


def set_one(resource) -> None:
    """Set resource.value to 1 while holding resource.lock."""
    resource.lock.acquire()
    try:
        resource.value = 1
    finally:
        resource.lock.release()


def set_reverse(resource) -> int:
    """Flip resource.value (0 -> 1, 1 -> 0) through set_one/set_zero; return the new value."""
    resource.lock.acquire()
    try:
        if resource.value == 0:
            set_one(resource)
            return 1
        set_zero(resource)
        return 0
    finally:
        resource.lock.release()
