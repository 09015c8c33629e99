"""Wrong: threading's own classes, imported under the kata's names. They pass every other rule
(the repo's tests check it: tests/test_own_semaphore.py), but the kata asks for a semaphore
built, not borrowed.

expect: test_neither_class_is_built_on_a_ready_made_semaphore_or_queue -> BUILT_ON_READY_MADE
"""

from threading import BoundedSemaphore, Semaphore

__all__ = ["BoundedSemaphore", "Semaphore"]
