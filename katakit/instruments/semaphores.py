"""Semaphores that know who waits for a slot and who holds one (`RecordingSemaphore`,
`RecordingBoundedSemaphore`), each registered in SEMAPHORES when made.

While `refuse_timed` is set (on one semaphore, or by `record_semaphores` for every one), an
acquire() with a timeout that would have to wait returns False at once, as it may whenever its
time runs out first: so a scenario sees, every run, what code does when a timed acquire fails.
In a bubble the refusal of a timeout above 0, which would have waited, is a look that found
nothing (`refused_look`): the clock moves a nanosecond and the other threads run first, so a
loop that tries again and again does not keep them from running.
"""

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

    #: Whether a timed acquire() that would have to wait returns False at once (see the module).
    refuse_timed = False

    def _record(self, value: int) -> None:
        if hasattr(self, "slots"):
            # Python 3.10 and 3.11: BoundedSemaphore.__init__ calls threading.Semaphore.__init__
            # by its global name, which record_semaphores has made RecordingSemaphore's.
            return
        self.slots = value
        self.maker = threading.current_thread().name  # the thread that made it
        self.waiting: list[str] = []  # names of the threads in acquire() now
        self.held: list[str] = []  # names of the threads holding a slot now
        self.acquirers: list[str] = []  # every successful acquire(), in order
        self.slotted: list[threading.Thread] = []  # every thread that ever got a slot
        self.refused: list[str] = []  # names of the threads whose last acquire() returned False
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
        acquired = None
        try:
            if blocking and timeout is not None and self.refuse_timed:
                acquired = super().acquire(False)
                if not acquired and timeout > 0:
                    refused_look()
            else:
                acquired = super().acquire(blocking, timeout)
        finally:
            with MONITOR.changing():
                self.waiting.remove(name)
                if acquired is not None and name in self.refused:
                    self.refused.remove(name)
                if acquired:
                    self.held.append(name)
                    self.acquirers.append(name)
                    self.slotted.append(threading.current_thread())
                elif acquired is not None:
                    self.refused.append(name)
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


def refused_look() -> None:
    """A refused timed acquire, in a bubble: a wait of no time, which moves the clock a
    nanosecond and passes the turn (as a real wait whose time ran out would have let others run
    meanwhile); elsewhere, nothing."""
    from katakit.instruments import bubble

    if bubble.BUBBLE is not None:
        bubble.BUBBLE.block(lambda: False, 0)


def was_refused(name: str) -> bool:
    """Whether the last acquire() of the thread called `name` on a recording semaphore returned
    False."""
    with MONITOR:
        return any(name in semaphore.refused for semaphore in SEMAPHORES)


def record_semaphores(refuse_timed: bool = False) -> None:
    """A `prepare`: semaphores the student's module makes through threading are recording ones,
    refusing timed acquires that would wait if `refuse_timed`."""
    RecordingSemaphore.refuse_timed = RecordingBoundedSemaphore.refuse_timed = refuse_timed
    threading.Semaphore = RecordingSemaphore
    threading.BoundedSemaphore = RecordingBoundedSemaphore
