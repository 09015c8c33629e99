"""Correct: set_reverse holds the lock with acquire/try/finally across the whole flip, picks the
setter from a table and returns a local."""

from __future__ import annotations

import threading


class Resource:
    """A value, 0 or 1, and the lock that guards it."""

    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.RLock()


def _set(resource, value: int) -> None:
    resource.lock.acquire()
    try:
        resource.value = value
    finally:
        resource.lock.release()


def set_zero(resource) -> None:
    """Set resource.value to 0 while holding resource.lock."""
    _set(resource, 0)


def set_one(resource) -> None:
    """Set resource.value to 1 while holding resource.lock."""
    _set(resource, 1)


def set_reverse(resource) -> int:
    """Flip resource.value (0 -> 1, 1 -> 0) through set_one/set_zero; return the new value."""
    flip = {0: (set_one, 1), 1: (set_zero, 0)}
    resource.lock.acquire()
    try:
        setter, new_value = flip[resource.value]
        setter(resource)
    finally:
        resource.lock.release()
    return new_value  # a local computed inside the hold, not a re-read of resource.value


def flip_and_report(resource) -> None:
    """The demo's thread target: flip the value once and say what it became."""
    print(f"{threading.current_thread().name} : set_reverse -> {set_reverse(resource)}")


if __name__ == "__main__":
    resource = Resource()
    print(f"value : {resource.value}")
    threads = [
        threading.Thread(target=flip_and_report, args=(resource,), name=f"thread-{i}", daemon=True)
        for i in range(5)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"after {len(threads)} flips, value : {resource.value}")
