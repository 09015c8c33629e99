"""Wrong: set_reverse keeps the new value in a module-level global under the lock and returns it
after letting go of the lock, when another thread's set_reverse may have written it.

expect: test_set_reverse_flips_once_a_call_when_threads_switch_between_instructions[three-threads-after-releases] -> RACED
expect: test_set_reverse_flips_once_a_call_when_threads_switch_between_instructions[two-threads-after-releases] -> RACED
"""

from __future__ import annotations

import threading

_new_value = 0  # the value the last set_reverse flipped to


class Resource:
    """A value, 0 or 1, and the lock that guards it."""

    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.RLock()


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
    global _new_value
    with resource.lock:
        if resource.value == 0:
            set_one(resource)
            _new_value = 1
        else:
            set_zero(resource)
            _new_value = 0
    return _new_value


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
