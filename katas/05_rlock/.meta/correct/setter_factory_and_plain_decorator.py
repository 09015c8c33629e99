"""Correct: set_one/set_zero made by one factory (closures sharing one code object), a decorator
without functools.wraps, and a table of the setters built at import."""
from __future__ import annotations

import threading

class Resource:
    def __init__(self):
        self.value = 0
        self.lock = threading.RLock()

def locked(function):
    def wrapper(resource):
        with resource.lock:
            return function(resource)
    return wrapper

def make_setter(value):
    def setter(resource):
        with resource.lock:
            resource.value = value
    return setter

set_zero = make_setter(0)
set_one = make_setter(1)
_TABLE = (set_one, set_zero)

@locked
def set_reverse(resource):
    _TABLE[resource.value](resource)
    return resource.value
