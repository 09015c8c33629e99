"""Wrong: Resource.lock is a property that makes the RLock the first time it is read, so two threads
that read it at once can each make one, and flip the value under two locks.

expect: test_set_reverse_flips_once_a_call_when_threads_switch_between_instructions[three-threads-coin-2] -> RACED
expect: test_set_reverse_flips_once_a_call_when_threads_switch_between_instructions[three-threads-staggered-1] -> RACED
expect: test_set_reverse_flips_once_a_call_when_threads_switch_between_instructions[two-threads-coin-2] -> RACED
"""

from __future__ import annotations

import threading


class Resource:
    """A value, 0 or 1, and the lock that guards it."""

    def __init__(self) -> None:
        self.value = 0
        self._lock: threading.RLock | None = None

    @property
    def lock(self):
        """The resource's re-entrant lock, made the first time it is needed."""
        if self._lock is None:
            self._lock = threading.RLock()
        return self._lock


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
