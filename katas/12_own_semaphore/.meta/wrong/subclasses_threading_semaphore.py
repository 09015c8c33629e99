"""Wrong: subclasses of threading's classes, with nothing of their own: borrowed, not built.

expect: test_neither_class_is_built_on_a_ready_made_semaphore_or_queue -> BUILT_ON_READY_MADE
"""

from __future__ import annotations

import threading


class Semaphore(threading.Semaphore):
    """threading's Semaphore, under the kata's name."""


class BoundedSemaphore(threading.BoundedSemaphore):
    """threading's BoundedSemaphore, under the kata's name."""
