"""Correct: a dataclass whose lock comes from a default factory; set_reverse picks the setter
from a table and returns the value it computed."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Resource:
    """A value, 0 or 1, and the lock that guards it."""

    value: int = 0
    lock: Any = field(default_factory=threading.RLock, repr=False)


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
        new = 1 - resource.value
        {1: set_one, 0: set_zero}[new](resource)
    return new
