"""Correct: Resource uses __slots__ and a threading.Condition() as its lock (a Condition is
re-entrant: it wraps an RLock by default); a decorator holds the lock around each function."""
from __future__ import annotations
import functools
import threading


class Resource:
    __slots__ = ("value", "lock")

    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.Condition()


def locked(function):
    @functools.wraps(function)
    def wrapper(resource):
        with resource.lock:
            return function(resource)
    return wrapper


@locked
def set_zero(resource) -> None:
    resource.value = 0


@locked
def set_one(resource) -> None:
    resource.value = 1


@locked
def set_reverse(resource) -> int:
    if resource.value == 0:
        set_one(resource)
    else:
        set_zero(resource)
    return resource.value
