"""Wrong: set_reverse takes the resource's lock twice itself and notes, in a threading.local,
that its thread holds it; set_one/set_zero then write without taking it again. The write
happens with the lock held twice, but no setter ever re-enters it: a hand-made "do I hold it
already?" check stands in for the re-entry the lesson teaches.

expect: test_set_reverse_writes_with_the_lock_taken_again_by_the_setter -> SETTER_DID_NOT_TAKE_THE_LOCK
"""

from __future__ import annotations

import threading


class _Holding(threading.local):
    def __init__(self) -> None:
        self.ids: set[int] = set()


_HOLDING = _Holding()


class Resource:
    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.RLock()


def _write(resource, value: int) -> None:
    if id(resource) in _HOLDING.ids:
        resource.value = value
        return
    with resource.lock:
        resource.value = value


def set_zero(resource) -> None:
    _write(resource, 0)


def set_one(resource) -> None:
    _write(resource, 1)


def set_reverse(resource) -> int:
    with resource.lock, resource.lock:
        _HOLDING.ids.add(id(resource))
        try:
            if resource.value == 0:
                set_one(resource)
            else:
                set_zero(resource)
            return resource.value
        finally:
            _HOLDING.ids.discard(id(resource))
