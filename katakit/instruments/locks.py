"""Locks and conditions that know who holds them: `TrackedLock` and `RecordingCondition`.

A `TrackedLock` wraps a real lock and keeps, at every moment, the thread that holds it, how
deep (an RLock taken twice is held at depth 2), and the number of its current outermost hold
(a read and a write under one number happened in one critical section). It counts the acquire()
calls refused and the threads blocked in acquire() now, announcing each change on the MONITOR,
so a scenario can wait until a thread *is* waiting for the lock instead of sleeping.
"""

from __future__ import annotations

import collections
import threading
from typing import Any

from katakit.instruments import bubble
from katakit.instruments.monitor import MONITOR


class SelfDeadlock(RuntimeError):
    """Raised where a thread takes again a non-re-entrant lock it holds, and would wait for
    itself forever."""


class TrackedLock:
    """A lock that knows its holder, its depth and its holds (see the module's docstring).

    It wraps `lock` (default: a new RLock) and excludes as that lock does. With `reentrant`
    False it behaves, for its holder, as a plain Lock would, but observably: a non-blocking or
    timed acquire() returns False, and a blocking one raises `SelfDeadlock` instead of waiting
    forever. While `refuse_timed` is set, an acquire() with a timeout that would have to wait
    returns False at once (as it may, whenever its time runs out first). It can be the lock of a
    threading.Condition. `name` is what its messages call it ("pool.lock"), and, in a bubble,
    what the student's steps on it say.
    """

    def __init__(
        self, lock: Any = None, *, reentrant: bool | None = None, name: str = "the lock"
    ) -> None:
        self._lock = threading.RLock() if lock is None else lock
        self.reentrant = reentrant
        self.name = name
        bubble.name(self._lock, name)
        self.holder: threading.Thread | None = None
        self.depth = 0
        self.holds = 0  # outermost acquisitions so far, by any thread
        self._hold: int | None = None
        self.refuse_timed = False
        self.refused = 0  # acquire() calls that found the lock held and returned False
        self.blocked = 0  # threads waiting now in a blocking acquire()

    # --- the lock ---

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        me = threading.current_thread()
        if self.reentrant is False and self.holder is me:
            if blocking and timeout < 0:
                raise SelfDeadlock(
                    f"{me.name} took {self.name} (over a plain Lock) again while holding it"
                )
            return False
        if not blocking and timeout != -1:
            return self._lock.acquire(blocking, timeout)  # raises ValueError, as any lock
        if not self._lock.acquire(False):
            if not blocking or (timeout >= 0 and self.refuse_timed):
                self._count("refused", 1)
                return False
            self._count("blocked", 1)
            try:
                acquired = self._lock.acquire(True, timeout)
            finally:
                self._count("blocked", -1)
            if not acquired:
                return False
        self._took(me)
        return True

    def release(self) -> None:
        me = threading.current_thread()
        saved = (self.holder, self.depth, self._hold)
        if self.holder is me:
            self.depth -= 1
            if not self.depth:
                self.holder, self._hold = None, None
        try:
            self._lock.release()  # raises RuntimeError, as the real lock, if it may not
        except BaseException:
            self.holder, self.depth, self._hold = saved
            raise
        if saved[0] is not me:  # a plain Lock released by another thread: free now
            self.holder, self.depth, self._hold = None, 0, None

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def locked(self) -> bool:
        return self.holder is not None

    # --- what it knows ---

    def held_by_me(self) -> bool:
        return self.holder is threading.current_thread()

    def my_depth(self) -> int:
        """How many times the calling thread holds the lock now."""
        return self.depth if self.held_by_me() else 0

    def hold(self) -> int | None:
        """The number of the calling thread's current outermost hold; None when it holds none."""
        return self._hold if self.held_by_me() else None

    def _took(self, me: threading.Thread) -> None:
        if self.holder is me:
            self.depth += 1
            return
        self.holds += 1
        self.holder, self.depth, self._hold = me, 1, self.holds

    def _count(self, name: str, step: int) -> None:
        with MONITOR.changing():
            setattr(self, name, getattr(self, name) + step)

    # --- what threading.Condition asks of its lock ---

    def _is_owned(self) -> bool:
        return self.held_by_me()

    def _release_save(self) -> tuple:
        saved = (self.holder, self.depth)
        self.holder, self.depth, self._hold = None, 0, None
        if hasattr(self._lock, "_release_save"):
            return saved, self._lock._release_save()
        self._lock.release()
        return saved, None

    def _acquire_restore(self, state: tuple) -> None:
        (holder, depth), inner = state
        if hasattr(self._lock, "_acquire_restore"):
            self._lock._acquire_restore(inner)
        else:
            self._lock.acquire()
        self.holds += 1  # a new critical section: the wait let others in
        self.holder, self.depth, self._hold = holder, depth, self.holds


class _Waiters(collections.deque):
    """A Condition's line of waiters that notes, for each thread waiting, its waiter's id
    (`threads`, by the thread's ident)."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: dict[int, int] = {}

    def append(self, waiter: Any) -> None:
        self.threads[threading.get_ident()] = id(waiter)
        super().append(waiter)


class RecordingCondition(threading.Condition):
    """A Condition over a `TrackedLock` that counts the threads asleep in wait() (`waiting`) and
    the wake-ups on their way (`pending`: threads whose waiter a notify took, until their wait()
    returns, even one whose wait had timed out), announcing each change on the MONITOR; records
    each wait's timeout per thread (`timeouts`) and counts calls of the deprecated notifyAll().

    `waiting` and `pending` change while the condition is held, so a holder sees them exact.
    """

    def __init__(self, lock: TrackedLock | None = None) -> None:
        self.lock = TrackedLock() if lock is None else lock
        super().__init__(self.lock)
        bubble.name(self, self.lock.name)
        self.timeouts: dict[str, list[float | None]] = {}
        self._waiters = _Waiters()
        self.waiting = 0
        self.pending = 0
        self.woken: set[int] = set()  # threads in wait() whose waiter a notify took
        self.deprecated_calls = 0

    def held_by_me(self) -> bool:
        return self.lock.held_by_me()

    def wait(self, timeout: float | None = None) -> bool:
        if not self._is_owned():
            return super().wait(timeout)  # raises "cannot wait on un-acquired lock"
        self.timeouts.setdefault(threading.current_thread().name, []).append(timeout)
        with MONITOR.changing():
            self.waiting += 1
        try:
            return super().wait(timeout)
        finally:
            me = threading.get_ident()
            with MONITOR.changing():
                self.waiting -= 1
                self._waiters.threads.pop(me, None)
                self.woken.discard(me)
                self.pending = len(self.woken)

    def notify(self, n: int = 1) -> None:
        before = list(self._waiters)
        super().notify(n)
        self._took(before)

    def notify_all(self) -> None:
        before = list(self._waiters)
        super().notify_all()
        self._took(before)

    def _took(self, before: list[Any]) -> None:
        """Note the threads whose waiters, of those in line `before`, a notify took: a wake-up
        is on its way to each until its wait() returns, even one whose wait had already timed
        out (that wake-up reaches nobody else)."""
        left = {id(waiter) for waiter in self._waiters}
        taken = {id(waiter) for waiter in before} - left
        with MONITOR.changing():
            self.woken.update(t for t, waiter in self._waiters.threads.items() if waiter in taken)
            self.pending = len(self.woken)

    def notifyAll(self) -> None:  # the deprecated alias, recorded to teach its replacement
        self.deprecated_calls += 1
        self.notify_all()


def is_reentrant(lock: Any) -> bool:
    """Whether a free `lock` (or condition) lets the thread holding it take it again, learnt
    through its public API alone; a lock not free tells nothing, and counts as re-entrant."""
    if not lock.acquire(blocking=False):
        return True
    try:
        again = lock.acquire(blocking=False)
        if again:
            lock.release()
        return bool(again)
    finally:
        lock.release()
