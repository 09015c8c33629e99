"""Wrong: no threading semaphore is ever made, but the classes borrow threading.Semaphore's
own acquire, release and __exit__, and BoundedSemaphore's release, as plain functions, and set
the attributes they expect (_cond, _value, _initial_value): threading's code does all the
counting, waiting and waking.

expect: test_neither_class_is_built_on_a_ready_made_semaphore_or_queue -> BORROWS_READY_MADE
"""

from __future__ import annotations

import threading


class Semaphore:
    acquire = threading.Semaphore.acquire
    release = threading.Semaphore.release
    __exit__ = threading.Semaphore.__exit__

    def __init__(self, value: int = 1) -> None:
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = threading.Condition(threading.Lock())
        self._value = value

    def __enter__(self) -> bool:
        return self.acquire()


class BoundedSemaphore(Semaphore):
    release = threading.BoundedSemaphore.release

    def __init__(self, value: int = 1) -> None:
        super().__init__(value)
        self._initial_value = value
