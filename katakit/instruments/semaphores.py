"""Semaphores that know who waits for a slot and who holds one (`RecordingSemaphore`,
`RecordingBoundedSemaphore`), each registered in SEMAPHORES when made."""

from __future__ import annotations

import threading

from katakit.instruments.monitor import MONITOR

#: The real classes (`record_semaphores` replaces them in the threading module).
SEMAPHORE, BOUNDED_SEMAPHORE = threading.Semaphore, threading.BoundedSemaphore
#: Every recording semaphore made in this process, in order.
SEMAPHORES: list[_Recorded] = []


class _Recorded:
    """Records, on the MONITOR, who waits in acquire() and who holds a slot; mixed into the real
    classes."""

    def _record(self, value: int) -> None:
        if hasattr(self, "slots"):
            # Python 3.10 and 3.11: BoundedSemaphore.__init__ calls threading.Semaphore.__init__
            # by its global name, which record_semaphores has made RecordingSemaphore's.
            return
        self.slots = value
        self.waiting: list[str] = []  # names of the threads in acquire() now
        self.held: list[str] = []  # names of the threads holding a slot now
        self.acquirers: list[str] = []  # every successful acquire(), in order
        self.slotted: list[threading.Thread] = []  # every thread that ever got a slot
        self.releases = 0
        with MONITOR.changing():
            SEMAPHORES.append(self)

    @property
    def taken(self) -> int:
        """Slots taken now: acquisitions minus releases (negative when over-released)."""
        return len(self.acquirers) - self.releases

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        name = threading.current_thread().name
        with MONITOR.changing():
            self.waiting.append(name)
        acquired = False
        try:
            acquired = super().acquire(blocking, timeout)
        finally:
            with MONITOR.changing():
                self.waiting.remove(name)
                if acquired:
                    self.held.append(name)
                    self.acquirers.append(name)
                    self.slotted.append(threading.current_thread())
        return acquired

    # The standard library binds `__enter__ = acquire` to its own acquire: record `with` too.
    __enter__ = acquire

    def release(self, n: int = 1) -> None:
        name = threading.current_thread().name
        with MONITOR.changing():
            self.releases += n
            for _ in range(min(n, self.held.count(name))):
                self.held.remove(name)
        super().release(n)


class RecordingSemaphore(_Recorded, SEMAPHORE):
    """A threading.Semaphore that records its waiters and holders."""

    def __init__(self, value: int = 1) -> None:
        SEMAPHORE.__init__(self, value)
        self._record(value)


class RecordingBoundedSemaphore(_Recorded, BOUNDED_SEMAPHORE):
    """A threading.BoundedSemaphore that records its waiters and holders."""

    def __init__(self, value: int = 1) -> None:
        BOUNDED_SEMAPHORE.__init__(self, value)
        self._record(value)


def holds_a_slot(name: str) -> bool:
    """Whether the thread called `name` holds a slot of a recording semaphore now."""
    with MONITOR:
        return any(name in semaphore.held for semaphore in SEMAPHORES)


def ever_slotted(thread: threading.Thread) -> bool:
    """Whether `thread` ever got a slot of a recording semaphore."""
    with MONITOR:
        return any(thread in semaphore.slotted for semaphore in SEMAPHORES)


def record_semaphores() -> None:
    """A `prepare`: semaphores the student's module makes through threading are recording ones."""
    threading.Semaphore = RecordingSemaphore
    threading.BoundedSemaphore = RecordingBoundedSemaphore
