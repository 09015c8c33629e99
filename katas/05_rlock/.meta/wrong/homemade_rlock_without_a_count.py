"""Wrong: a home-made re-entrant lock with no count: the first release lets go of it, while its
holder still holds it once (a second release by a thread that no longer holds it does nothing).

expect: test_resource_lock_stays_held_until_released_as_often_as_acquired -> FREED_BY_ONE_RELEASE
"""

from __future__ import annotations

import threading


class ReentrantLock:
    """A lock that the thread holding it may acquire again; other threads wait for it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._owner: int | None = None

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        me = threading.get_ident()
        if self._owner == me:
            return True
        if not self._lock.acquire(blocking, timeout):
            return False
        self._owner = me
        return True

    def release(self) -> None:
        if self._owner != threading.get_ident():
            return
        self._owner = None
        self._lock.release()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


class Resource:
    """A value, 0 or 1, and the lock that guards it."""

    def __init__(self) -> None:
        self.value = 0
        self.lock = ReentrantLock()


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
