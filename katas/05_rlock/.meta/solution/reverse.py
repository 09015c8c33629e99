"""Kata 05: a re-entrant lock.

A `Resource` holds a `value` (0 or 1) and the `lock` that guards it.

`set_zero(resource)` and `set_one(resource)` set `resource.value` to 0 or 1 while holding
`resource.lock`.

`set_reverse(resource)` flips the value: holding `resource.lock`, it reads the value and calls
`set_one` if it is 0, else `set_zero`, and returns the new value. Those two take the lock again
while `set_reverse` still holds it, so the lock must let the thread that holds it acquire it
again: it must be re-entrant. It must still keep every other thread out, and be free again when
`set_reverse` returns. Reading and writing in one hold of the lock means that no other thread's
write can fall between the read and the write.

The functions work on any object with `value` and `lock` (the tests hand them their own).

Run the tests with `pytest katas/05_rlock`; run the demo with `python katas/05_rlock/reverse.py`.
"""

from __future__ import annotations

import threading


class Resource:
    """A value, 0 or 1, and the lock that guards it."""

    def __init__(self) -> None:
        self.value = 0
        # An RLock, not a Lock: set_reverse holds it while set_one/set_zero acquire it again,
        # and only the thread that holds an RLock may acquire it again (others still wait).
        self.lock = threading.RLock()


def set_zero(resource) -> None:
    """Set resource.value to 0 while holding resource.lock."""
    # The attribute, not a name: `value = 0` (or RESOURCE = 0 without `global`) is a local.
    with resource.lock:
        resource.value = 0


def set_one(resource) -> None:
    """Set resource.value to 1 while holding resource.lock."""
    # Taking the lock here too keeps set_one safe when it is called on its own.
    with resource.lock:
        resource.value = 1


def set_reverse(resource) -> int:
    """Flip resource.value (0 -> 1, 1 -> 0) through set_one/set_zero; return the new value."""
    # One hold of the lock spans the read, the write and the return: no other thread's write
    # can fall between them. set_one/set_zero take the lock again, which an RLock allows.
    with resource.lock:
        if resource.value == 0:
            set_one(resource)
        else:
            set_zero(resource)
        return resource.value


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
