"""Wrong: both classes are threading's own, subclassed, whenever threading.Semaphore looks
untouched at import; when its acquire has been wrapped (as the rule on ready-made semaphores
wraps it), they are classes that count nothing. Every rule's run wraps it, so the file cannot
pass that rule with one face and the others with the other.

expect: test_negative_value_raises_value_error -> NEGATIVE_VALUE
expect: test_release_n_lets_exactly_n_waiters_through -> ACQUIRE_GAVE_UP
"""

from __future__ import annotations

import threading

UNTOUCHED = threading.Semaphore.acquire.__name__ == "acquire"

if UNTOUCHED:

    class Semaphore(threading.Semaphore):
        pass

    class BoundedSemaphore(threading.BoundedSemaphore):
        pass

else:

    class Semaphore:
        def __init__(self, value: int = 1) -> None:
            self._value = value

        def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
            return False

        def release(self, n: int = 1) -> None:
            pass

        def __enter__(self) -> bool:
            return self.acquire()

        def __exit__(self, *exc: object) -> None:
            self.release()

    class BoundedSemaphore(Semaphore):
        pass
