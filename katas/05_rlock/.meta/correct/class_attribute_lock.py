"""Correct: the value and the RLock are class attributes.

Every Resource shares the one lock, which serialises unrelated resources too, but still meets
the contract: it is re-entrant, it excludes other threads, and it guards each value.
"""

from __future__ import annotations

import threading


class Resource:
    """A value, 0 or 1, and the lock that guards it."""

    value = 0
    lock = threading.RLock()


def set_zero(resource) -> None:
    """Set resource.value to 0 while holding resource.lock."""
    with resource.lock:
        resource.value = 0


def set_one(resource) -> None:
    """Set resource.value to 1 while holding resource.lock."""
    with resource.lock:
        resource.value = 1


def set_reverse(resource) -> int:
    """Flip resource.value (0 -> 1, 1 -> 0) through set_one/set_zero; return the new value."""
    with resource.lock:
        if resource.value == 0:
            set_one(resource)
        else:
            set_zero(resource)
        return resource.value
