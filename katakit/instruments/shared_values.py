"""Kata 08's instruments (shared counter): shared values and locks that record every access, in
any process, with the lock holds it fell in, so that a lost update is seen by construction.

A `Lab` makes the values and locks; a `CounterContext` is a `processes.RecordingContext` whose
``Value``, ``RawValue``, ``Lock`` and ``RLock`` are a lab's. Everything here reaches child
processes by name, under every start method. The maker's reads of a lab's values also go to
`processes.PROCESS_EVENTS`, as ("read", "value <id>", value).
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import os
import threading
from typing import Any, Callable

from katakit.instruments import processes
from katakit.instruments.locks import SelfDeadlock
from katakit.instruments.timing import left, until


class HolderEnded(Exception):
    """Raised by a blocking acquire() of a `ProbeLock` whose holder ended holding it: no one can
    release it any more, so the real lock would wait forever."""


class NotFromContext(Exception):
    """Raised by the start() of a `CounterContext`'s process given a lock or a shared value that
    the context did not make (a threading lock, or one made by multiprocessing's own functions)."""


#: The fields of a `Lab`'s header.
LOCKS_MADE, VALUES_MADE, ENTRIES, FENCED, DONE = range(5)
#: The fields of one lock's slot in a `Lab`'s table: who holds it (pid and native thread id, 0
#: when free), how deep, the number of the current outermost hold and whether a value's own
#: access took it, the outermost holds so far, those taken by code (not by a value's own
#: access), the threads blocked in acquire() now and ever, the acquire() calls refused, and
#: whether its holder ended holding it (see `ProbeLock`).
(
    HOLDER_PID, HOLDER_THREAD, DEPTH, HOLD, BY_VALUE, HOLDS, TAKEN, WAITING, WAITED, REFUSED,
    ORPHANED,
) = range(11)
SLOT = 11
#: Locks a `Lab` can make, and held locks one access records.
MAX_LOCKS = 32
MAX_HELD = 4
#: The fields of one log entry: read (0) or write (1), the value's id, the value read or
#: written, the pid and native thread id of the accessor, whether the lab was fenced, how many
#: holds follow, then (lock id, hold number, taken by the value's own access) per held lock.
KIND, VALUE_ID, SEEN, PID, THREAD, IN_FENCE, HELD = range(7)
ENTRY = 7 + 3 * MAX_HELD
#: Accesses a `Lab` logs; later ones are counted, not kept.
LOG_CAPACITY = 8192
ACCESSES = ("read", "write")


def _me() -> tuple[int, int]:
    return os.getpid(), threading.get_native_id()


class Lab:
    """The shared values and locks of one scenario: each read and write of a value made here is
    logged in shared memory, from whichever process makes it, with the holds it fell in.

    Made with the context of one start method (default: the default one), a lab reaches the
    processes of that method as their arguments, inside the values and locks it made. A log
    entry says who accessed which value (pid, thread), what was read or written, and, for each
    lock of the lab the accessing thread held then, the number of its current outermost hold:
    a read and the write it leads to under one hold number happened in one critical section,
    whatever the scheduling. A hold a value's own access took (a synchronized value takes its
    lock for each read and each write) is marked as such. Each lock also counts the holds code
    took, and the acquire() calls that blocked or were refused.

    While the lab is *fenced* (a scenario holds a lock on purpose), accesses are marked, an
    acquire() with a timeout that would have to wait returns False at once (as it may, whenever
    its time runs out first), and each blocked or refused acquire() rings a bell that
    `wait_for_contention` waits for. Reads by the process that made the lab also go to
    `processes.PROCESS_EVENTS` as ("read", "value <id>", value), in order with its processes'
    starts and joins.

    The process that made the lab keeps every value and lock it made alive as long as the lab:
    one made in the arguments of a Process and kept nowhere else would be freed once the process
    started (start() lets go of its arguments), and a spawned child could then not find it.
    """

    def __init__(self, method: str | None = None, capacity: int = LOG_CAPACITY) -> None:
        context = multiprocessing.get_context(method)
        self.method = context.get_start_method()
        self.owner = os.getpid()
        self.capacity = capacity
        self._mutex = context.Lock()  # guards the header, the log and the lock counters
        self._header = context.RawArray("q", 5)
        self._table = context.RawArray("q", MAX_LOCKS * SLOT)
        self._log = context.RawArray("q", capacity * ENTRY)
        self._bell = context.Event()
        self._made: list[Any] = []

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_made": []}  # what the maker keeps alive stays with it

    # --- making ---

    def lock(self, reentrant: bool = False) -> ProbeLock:
        """A new lock of the lab (a multiprocessing Lock, or RLock if `reentrant`)."""
        return self._keep(ProbeLock(self, reentrant))

    def value(self, typecode_or_type: Any, *args: Any, lock: Any = True) -> RawProbeValue:
        """A new shared value of the lab, as ``context.Value(typecode_or_type, *args, lock=lock)``
        makes one: with a new re-entrant lock of its own for True or None, none for False,
        `lock` itself for any other lock."""
        raw = multiprocessing.get_context(self.method).RawValue(typecode_or_type, *args)
        value_id = self._next(VALUES_MADE)
        if lock is False:
            return self._keep(RawProbeValue(self, value_id, raw))
        if lock in (True, None):
            lock = self.lock(reentrant=True)
        return self._keep(ProbeValue(self, value_id, raw, lock))

    def _keep(self, made: Any) -> Any:
        self._made.append(made)
        return made

    def _next(self, field: int, limit: int | None = None) -> int:
        with self._mutex:
            made = self._header[field]
            if limit is not None and made >= limit:
                raise RuntimeError(f"a lab makes at most {limit} locks")
            self._header[field] = made + 1
        return made

    # --- recording ---

    def access(self, value_id: int, raw: Any, new: Any = None, write: bool = False) -> Any:
        """Read (or write `new` into) the shared `raw` of value `value_id`, and log it."""
        me = _me()
        with self._mutex:
            if write:
                raw.value = new
            seen = raw.value
            index = self._header[ENTRIES]
            self._header[ENTRIES] = index + 1
            if index < self.capacity:
                self._log_entry(index * ENTRY, write, value_id, seen, me)
        if not write and me[0] == self.owner:
            processes.PROCESS_EVENTS.append(("read", f"value {value_id}", seen))
        return seen

    def _log_entry(self, at: int, write: bool, value_id: int, seen: Any, me: tuple) -> None:
        try:
            number = int(seen)
        except (TypeError, ValueError, OverflowError):
            number = 0
        entry = [int(write), value_id, number, *me, self._header[FENCED], 0]
        for lock_id in range(self._header[LOCKS_MADE]):
            slot = lock_id * SLOT
            if (self._table[slot + HOLDER_PID], self._table[slot + HOLDER_THREAD]) != me:
                continue
            if entry[HELD] < MAX_HELD:
                entry[HELD] += 1
                entry += [lock_id, self._table[slot + HOLD], self._table[slot + BY_VALUE]]
        self._log[at : at + len(entry)] = entry

    def note(self, lock_id: int, field: int, step: int = 1) -> None:
        """Add `step` to a counter of a lock's slot; ring the bell while fenced."""
        with self._mutex:
            self._table[lock_id * SLOT + field] += step
            fenced = self._header[FENCED]
        if fenced:
            self._bell.set()

    # --- fencing ---

    @property
    def fenced(self) -> bool:
        return bool(self._header[FENCED])

    def fence(self, on: bool) -> None:
        """Mark the accesses from now on (a scenario holds a lock on purpose), or stop."""
        with self._mutex:
            self._header[FENCED] = int(on)

    def done(self) -> None:
        """The code a fence waits for has returned: `wait_for_contention` returns."""
        with self._mutex:
            self._header[DONE] = 1
        self._bell.set()

    def wait_for_contention(self, lock: ProbeLock, refusals: int = 3) -> bool:
        """Wait until a thread blocks in ``lock.acquire()``, `refusals` calls were refused, or
        `done`; False if `processes.CHILD_WAIT` seconds (scaled) ran out first."""
        end = until(processes.CHILD_WAIT)
        while True:
            self._bell.clear()
            slot = lock.id * SLOT
            if (
                self._header[DONE]
                or self._table[slot + WAITING]
                or self._table[slot + REFUSED] >= refusals
            ):
                return True
            if not self._bell.wait(left(end)):
                return False

    # --- what it recorded, as plain values ---

    def entries(self) -> list[tuple]:
        """The log: (kind, value id, value, pid, thread, fenced, ((lock id, hold, by value)...))."""
        kept = []
        for index in range(min(self._header[ENTRIES], self.capacity)):
            entry = self._log[index * ENTRY : (index + 1) * ENTRY]
            held = entry[HELD + 1 : HELD + 1 + 3 * entry[HELD]]
            holds = tuple(
                (held[i], held[i + 1], bool(held[i + 2])) for i in range(0, len(held), 3)
            )
            kept.append(
                (ACCESSES[entry[KIND]], *entry[VALUE_ID : IN_FENCE], bool(entry[IN_FENCE]), holds)
            )
        return kept

    def overflow(self) -> int:
        """Accesses counted but not kept, past the log's capacity."""
        return max(0, self._header[ENTRIES] - self.capacity)

    def locks(self) -> list[dict[str, Any]]:
        """Each lock made here: its id, whether held now, the holds code took, the acquire()
        calls that blocked or were refused, and the pid of a holder that ended holding it (0
        if none)."""
        found = []
        for lock_id in range(self._header[LOCKS_MADE]):
            slot = self._table[lock_id * SLOT : (lock_id + 1) * SLOT]
            found.append(
                {
                    "id": lock_id,
                    "held": bool(slot[HOLDER_PID]),
                    "taken": slot[TAKEN],
                    "waited": slot[WAITED],
                    "refused": slot[REFUSED],
                    "orphaned_by": slot[HOLDER_PID] if slot[ORPHANED] else 0,
                }
            )
        return found

    def values_made(self) -> int:
        return self._header[VALUES_MADE]


class ProbeLock:
    """A lock of a `Lab`: a real multiprocessing Lock (or RLock) that keeps in the lab's shared
    table who holds it and the number of each outermost hold.

    It excludes as the real lock does, across processes. Its API is multiprocessing's:
    ``acquire(block=True, timeout=None)``, ``release()``, ``with``. A plain one taken again by
    its holder raises `SelfDeadlock` (where the real one would wait forever), or returns False
    at once for a non-blocking or timed acquire().

    A process that ends holding such a lock (any thread of it: the one that ends last, one that
    ended, a daemon one), once its non-daemon threads are done, hands it on (`release_orphans`):
    a blocking acquire() of it, which would wait forever, raises `HolderEnded` at once, now or
    later, and a non-blocking or timed one returns False. A plain one released then by another
    process is free again, as the real one would be; only a waiter told `HolderEnded` before
    that release would, with the real lock, have got it. An RLock held by a thread other than
    the last one is not handed on: only its holder may release it, as with the real one.
    """

    def __init__(self, lab: Lab, reentrant: bool = False) -> None:
        context = multiprocessing.get_context(lab.method)
        self._lab = lab
        self._lock = context.RLock() if reentrant else context.Lock()
        self.reentrant = reentrant
        self.id = lab._next(LOCKS_MADE, MAX_LOCKS)

    def _get(self, field: int) -> int:
        return self._lab._table[self.id * SLOT + field]

    def _set(self, field: int, value: int) -> None:
        self._lab._table[self.id * SLOT + field] = value

    def _holder(self) -> tuple[int, int]:
        return self._get(HOLDER_PID), self._get(HOLDER_THREAD)

    def acquire(self, block: bool = True, timeout: float | None = None) -> bool:
        return self._acquire(block, timeout, by_value=False)

    def _acquire(self, block: bool, timeout: float | None, by_value: bool) -> bool:
        me = _me()
        if self._holder() == me:
            if not self.reentrant:
                if block and timeout is None:
                    name = multiprocessing.current_process().name
                    raise SelfDeadlock(
                        f"{name} took lock {self.id} again while holding it: a "
                        "multiprocessing Lock is not re-entrant, so it would wait forever"
                    )
                return False
            self._lock.acquire()
            self._set(DEPTH, self._get(DEPTH) + 1)
            return True
        if not self._lock.acquire(False):
            if not block or (timeout is not None and self._lab.fenced):
                self._lab.note(self.id, REFUSED)
                return False
            self._lab.note(self.id, WAITED)
            self._lab.note(self.id, WAITING)
            try:
                acquired = self._lock.acquire(True, timeout)
            finally:
                self._lab.note(self.id, WAITING, -1)
            if not acquired:
                return False
        if self._get(ORPHANED):
            self._lock.release()  # on to the next waiter, which finds the same
            if block and timeout is None:
                name = multiprocessing.current_process().name
                raise HolderEnded(
                    f"{name} waits for lock {self.id}, which process {self._get(HOLDER_PID)} "
                    "still held when it ended: nothing can release it, so it would wait forever"
                )
            self._lab.note(self.id, REFUSED)
            return False
        holds = self._get(HOLDS) + 1
        self._set(HOLDS, holds)
        self._set(HOLD, holds)
        self._set(BY_VALUE, int(by_value))
        self._set(TAKEN, self._get(TAKEN) + (not by_value))
        self._set(DEPTH, 1)
        self._set(HOLDER_THREAD, me[1])
        self._set(HOLDER_PID, me[0])
        TAKEN_HERE[id(self._lab._table), self.id] = self
        release_orphans_at_exit()
        return True

    def release(self) -> None:
        if self._get(ORPHANED) and not self.reentrant:
            # Handed on when its holder ended: the real Lock, released now by any process, is
            # free again (its semaphore already is).
            self._set(ORPHANED, 0)
            self._free()
            return
        fields = (HOLDER_PID, HOLDER_THREAD, DEPTH, HOLD, BY_VALUE)
        saved = [self._get(field) for field in fields]
        mine = self._holder() == _me()
        if mine:
            self._set(DEPTH, saved[2] - 1)
            if saved[2] == 1:
                self._free()
        try:
            self._lock.release()  # raises, as the real lock, if it may not
        except BaseException:
            for field, value in zip(fields, saved):
                self._set(field, value)
            raise
        if not mine:  # a plain Lock released by a process that does not hold it: free now
            self._free()

    def _free(self) -> None:
        for field in (HOLDER_PID, HOLDER_THREAD, DEPTH, HOLD, BY_VALUE):
            self._set(field, 0)
        TAKEN_HERE.pop((id(self._lab._table), self.id), None)

    def orphan(self) -> None:
        """This process ends holding the lock: mark it, and let a waiter wake to find the mark.
        The holder stays recorded. An RLock only its holding thread may release: another
        thread leaves it as it is."""
        if self.reentrant and self._get(HOLDER_THREAD) != threading.get_native_id():
            return
        self._set(ORPHANED, 1)
        for _ in range(self._get(DEPTH) if self.reentrant else 1):
            self._lock.release()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"<{'RLock' if self.reentrant else 'Lock'} {self.id} of a lab>"


#: The locks this process took, by (id of their lab's table, lock id), until it frees them.
TAKEN_HERE: dict[tuple[int, int], ProbeLock] = {}


#: Whether this interpreter's threading._shutdown hands on its locks (a forked child inherits it).
_HANDS_ON_AT_SHUTDOWN = False


def release_orphans_at_exit() -> None:
    """Have this process run `release_orphans` once its last non-daemon thread is done: wrap,
    once, threading._shutdown, which waits for those threads. A child's bootstrap calls it after
    its target returns or raises, a main process as the interpreter exits; nothing of the
    process's own code runs after it but daemon threads."""
    global _HANDS_ON_AT_SHUTDOWN
    if _HANDS_ON_AT_SHUTDOWN:
        return
    _HANDS_ON_AT_SHUTDOWN = True
    shutdown = threading._shutdown

    def shutdown_then_hand_on() -> None:
        shutdown()
        release_orphans()

    threading._shutdown = shutdown_then_hand_on


def release_orphans() -> None:
    """Hand on each lock that this process, ending, still holds (see `ProbeLock`)."""
    me = os.getpid()
    for lock in list(TAKEN_HERE.values()):
        if lock._get(HOLDER_PID) == me and not lock._get(ORPHANED):
            lock.orphan()


class RawProbeValue:
    """A shared value of a `Lab` without a lock, as ``RawValue`` makes: every read and write of
    ``.value`` is logged."""

    def __init__(self, lab: Lab, value_id: int, raw: Any) -> None:
        self._lab = lab
        self.id = value_id
        self._raw = raw

    @property
    def value(self) -> Any:
        return self._lab.access(self.id, self._raw)

    @value.setter
    def value(self, new: Any) -> None:
        self._lab.access(self.id, self._raw, new, write=True)

    @property
    def stored(self) -> Any:
        """The value now, read without a lock and not logged (for the scenario)."""
        return self._raw.value

    def __repr__(self) -> str:
        return repr(self._raw)


class ProbeValue(RawProbeValue):
    """A synchronized shared value of a `Lab`, as ``Value`` makes: like multiprocessing's, each
    read and each write of ``.value`` takes its lock (``get_lock()``) for itself alone; ``with``,
    ``acquire()`` and ``release()`` are its lock's, ``get_obj()`` the value without the lock."""

    def __init__(self, lab: Lab, value_id: int, raw: Any, lock: Any) -> None:
        super().__init__(lab, value_id, raw)
        self._lock = lock

    def _own_hold(self, access: Callable[[], Any]) -> Any:
        lock = self._lock
        if isinstance(lock, ProbeLock):
            lock._acquire(True, None, by_value=True)
        else:
            lock.acquire()
        try:
            return access()
        finally:
            lock.release()

    @property
    def value(self) -> Any:
        return self._own_hold(lambda: self._lab.access(self.id, self._raw))

    @value.setter
    def value(self, new: Any) -> None:
        self._own_hold(lambda: self._lab.access(self.id, self._raw, new, write=True))

    def get_lock(self) -> Any:
        return self._lock

    def get_obj(self) -> RawProbeValue:
        return RawProbeValue(self._lab, self.id, self._raw)

    def acquire(self, *args: Any, **kwargs: Any) -> bool:
        return self._lock.acquire(*args, **kwargs)

    def release(self) -> None:
        self._lock.release()

    def __enter__(self) -> bool:
        return self._lock.__enter__()

    def __exit__(self, *exc: object) -> None:
        self._lock.__exit__(*exc)

    def __repr__(self) -> str:
        return f"<Synchronized wrapper for {self._raw!r}>"


class Interloper:
    """A plain lock of a lab as code is handed it, with one increment of a counter each of the
    first `most` times the code releases it: what another process waiting for the lock could do
    before the code takes it again. The increment is made holding the lock, and neither it nor
    that hold is logged; ``made`` counts them. Code that keeps a value read in one hold and
    writes it in a later one overwrites them, however it combines the two; code that tries again
    whenever the value changed between its holds gets through once they stop."""

    def __init__(self, lock: ProbeLock, counter: RawProbeValue, most: int) -> None:
        self._lock = lock
        self._counter = counter
        self.most = most
        self.made = 0

    def acquire(self, block: bool = True, timeout: float | None = None) -> bool:
        return self._lock.acquire(block, timeout)

    def release(self) -> None:
        self._lock.release()
        if self.made < self.most:
            with self._lock._lock:
                self._counter._raw.value += 1
            self.made += 1

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __repr__(self) -> str:
        return repr(self._lock)


def hold_until_contended(lock: ProbeLock, lab: Lab, ready) -> None:
    """A process's target: hold `lock`, with the lab fenced, until another process or thread
    waits for it or is refused it (or `lab.done()`); `ready` (an Event) is set once it holds."""
    with lock:
        lab.fence(True)
        ready.set()
        lab.wait_for_contention(lock)
        lab.fence(False)


def handed(process) -> list[Any]:
    """What a process is handed: its arguments and keyword arguments, those a functools.partial
    target binds, and the items of any list, tuple or dict among them."""
    target = process._target
    found = [*process._args, *process._kwargs.values()]
    if isinstance(target, functools.partial):
        found += [*target.args, *target.keywords.values()]
    for item in list(found):
        if isinstance(item, dict):
            found += item.values()
        elif isinstance(item, (list, tuple)):
            found += item
    return found


def not_from_context(item: Any) -> str:
    """What `item` is, if it is a lock or a shared value that no `Lab` made; else ""."""
    import ctypes
    from multiprocessing import sharedctypes, synchronize

    if isinstance(item, (ProbeLock, RawProbeValue)):
        return ""
    if isinstance(item, (type(threading.Lock()), type(threading.RLock()))):
        return f"a threading lock ({type(item).__name__}), not a lock the context made"
    if isinstance(item, synchronize.Semaphore):  # a BoundedSemaphore too
        return f"a semaphore ({type(item).__name__}) as its lock, not a Lock"
    if isinstance(item, synchronize.SemLock):
        return f"a lock ({type(item).__name__}) that the context passed to main did not make"
    if isinstance(item, (sharedctypes.SynchronizedBase, ctypes._SimpleCData)):
        kind = type(item).__name__
        return f"a shared value ({kind}) that the context passed to main did not make"
    return ""


#: (name, pid) of each process a `CounterContext` started, in order.
STARTED: list[tuple[str, int]] = []


class Turnstile:
    """Makes the processes of a `CounterContext` run one at a time, in the order they were
    started, and none before the parent first waits for one of them (join() without a timeout,
    is_alive(), exitcode or sentinel) or `open`s it: so main reads the counter before its
    processes have added anything unless it waited first, no increment is lost by a race, and a
    process has ended only once every process started before it has, whatever the scheduling.
    Whether each increment was guarded is what the lab's log shows, every run. Real
    multiprocessing primitives of the context's start method: they travel to the processes with
    them."""

    def __init__(self, context: multiprocessing.context.BaseContext) -> None:
        self.go = context.Event()
        self.turn = context.Condition()
        self.next = context.RawValue("i", 0)  # the number of the process whose turn it is
        self.numbers = itertools.count()  # in the parent: the next process's number

    def __getstate__(self) -> dict:
        return {name: value for name, value in vars(self).items() if name != "numbers"}

    def open(self) -> None:
        self.go.set()

    def is_open(self) -> bool:
        return self.go.is_set()

    def through(self, number: int, run: Callable[[], Any]) -> Any:
        """run(), once the turnstile is open and it is the turn of the process numbered `number`
        (each process's turn comes once the one numbered before it has run)."""
        self.go.wait()
        with self.turn:
            self.turn.wait_for(lambda: self.next.value == number)
        try:
            return run()
        finally:
            with self.turn:
                self.next.value += 1
                self.turn.notify_all()


#: The turnstile the processes made next go through (set by each `CounterContext`).
TURNSTILE: list[Turnstile | None] = [None]


class CounterProcess(processes.Holds):
    """A mixin for a `CounterContext`'s Process: start() refuses a lock or shared value among
    what the process is handed (`handed`) that the context did not make; the process runs
    through its context's `Turnstile`, and `Holds` until that is open: a join with a timeout
    before then returns at once, the process not even begun. Unnamed, it is named as the real
    context's process would be ("ForkProcess-1")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.name.startswith(f"{type(self).__name__}-"):
            self.name = self.name.removeprefix("Counter")
        self.turnstile = TURNSTILE[0]

    def start(self) -> None:
        for item in handed(self):
            problem = not_from_context(item)
            if problem:
                raise NotFromContext(f"{self.name!r} was given {problem}")
        if self.turnstile is not None:
            self.kata_number = next(self.turnstile.numbers)
        super().start()
        STARTED.append((self.name, self.pid))

    def run(self) -> None:
        if self.turnstile is None:
            super().run()
        else:
            self.turnstile.through(self.kata_number, super().run)

    def held(self) -> bool:
        """Whether the process waits at its turnstile still: it has not begun its work."""
        return self.turnstile is not None and not self.turnstile.is_open()

    def let_go(self) -> None:
        """The parent waits for this process, or looks whether it ended: the turnstile opens."""
        if self.turnstile is not None:
            self.turnstile.open()


class CounterForkProcess(
    CounterProcess, processes.ContextProcess, multiprocessing.context.ForkProcess
):
    """A fork Process of a `CounterContext`."""


class CounterSpawnProcess(
    CounterProcess, processes.ContextProcess, multiprocessing.context.SpawnProcess
):
    """A spawn Process of a `CounterContext`."""


class CounterForkServerProcess(
    CounterProcess, processes.ContextProcess, multiprocessing.context.ForkServerProcess
):
    """A forkserver Process of a `CounterContext`."""


_COUNTER = {
    "fork": CounterForkProcess,
    "spawn": CounterSpawnProcess,
    "forkserver": CounterForkServerProcess,
}


class CounterContext(processes.RecordingContext):
    """A `RecordingContext` whose values and locks are a `Lab`'s (``lab``): ``Value``,
    ``RawValue``, ``Lock`` and ``RLock`` record every access and hold, in every process, and its
    Process refuses locks and shared values the context did not make (`CounterProcess`)."""

    def __init__(self, method: str) -> None:
        super().__init__(method)
        self.Process = _COUNTER[method]
        self.lab = Lab(method)
        self.turnstile = TURNSTILE[0] = Turnstile(self._context)

    def let_go(self) -> None:
        """Open the turnstile, once main has returned, and wait (a scaled WAIT at most) until the
        processes main started have ended: what those it never waited for did is then in the
        log, every run. Waits that record nothing (main's own joins are recorded)."""
        self.turnstile.open()
        end = until()
        for process in processes.STARTED:
            if isinstance(process, CounterProcess) and not processes.closed(process):
                multiprocessing.process.BaseProcess.join(process, left(end))

    def Value(self, typecode_or_type: Any, *args: Any, lock: Any = True) -> RawProbeValue:
        return self.lab.value(typecode_or_type, *args, lock=lock)

    def RawValue(self, typecode_or_type: Any, *args: Any) -> RawProbeValue:
        return self.lab.value(typecode_or_type, *args, lock=False)

    def Lock(self) -> ProbeLock:
        return self.lab.lock()

    def RLock(self) -> ProbeLock:
        return self.lab.lock(reentrant=True)
