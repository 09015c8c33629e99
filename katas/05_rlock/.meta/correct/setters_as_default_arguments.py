"""Correct: the setters are bound as default arguments; acquire()/release() in try/finally;
set_reverse computes 1 - value."""
from __future__ import annotations
import threading


class Resource:
    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.RLock()


def set_zero(resource) -> None:
    resource.lock.acquire()
    try:
        resource.value = 0
    finally:
        resource.lock.release()


def set_one(resource) -> None:
    resource.lock.acquire()
    try:
        resource.value = 1
    finally:
        resource.lock.release()


def set_reverse(resource, _one=set_one, _zero=set_zero) -> int:
    resource.lock.acquire()
    try:
        new = 1 - resource.value
        (_one if new == 1 else _zero)(resource)
        return new
    finally:
        resource.lock.release()
