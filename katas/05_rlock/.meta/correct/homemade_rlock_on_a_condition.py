"""Correct: a home-made re-entrant lock built on a Condition, whose acquire waits with
wait_for(owner is None), blocking or with a timeout."""

from __future__ import annotations

import threading


class ConditionRLock:
    """A re-entrant lock: the owning thread may acquire it again; others wait until it is free."""

    def __init__(self) -> None:
        self._condition = threading.Condition(threading.Lock())
        self._owner: int | None = None
        self._depth = 0

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        me = threading.get_ident()
        with self._condition:
            if self._owner == me:
                self._depth += 1
                return True
            if not blocking:
                free = self._owner is None
            elif timeout is None or timeout < 0:
                free = self._condition.wait_for(lambda: self._owner is None)
            else:
                free = self._condition.wait_for(lambda: self._owner is None, timeout)
            if not free:
                return False
            self._owner, self._depth = me, 1
            return True

    def release(self) -> None:
        with self._condition:
            if self._owner != threading.get_ident():
                raise RuntimeError("cannot release un-acquired lock")
            self._depth -= 1
            if self._depth == 0:
                self._owner = None
                self._condition.notify()

    __enter__ = acquire

    def __exit__(self, *exc) -> None:
        self.release()


class Resource:
    """A value, 0 or 1, and the lock that guards it."""

    def __init__(self) -> None:
        self.value = 0
        self.lock = ConditionRLock()


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
