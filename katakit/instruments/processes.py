"""Processes: recorded starts and joins, contexts that record or reorder them, queues that know
who put what and what was read, a module imported as a library would import it, sleeps refused,
the small probes process scenarios need, and what the processes of katas 01 and 02 did, as plain
values."""

from __future__ import annotations

import functools
import importlib
import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import multiprocessing.process
import multiprocessing.queues
import multiprocessing.sharedctypes
import os
import queue as std_queue
import signal
import sys
import threading
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from katakit.instruments.timing import seconds

#: ("start", name, start method) and ("join", name, exitcode) in the order the calling process
#: saw them, ("join-timed-out", name, timeout) when a join(timeout) returned with the process
#: still running, and ("unread", name, count) when a join returned while `count` items that
#: process put on a `RecordingContext`'s queue were still unread (see `ContextProcess`).
PROCESS_EVENTS: list[tuple[str, str, Any]] = []


def start_method_of(process) -> str | None:
    """The start method a started process was made with ("fork", "spawn", "forkserver"), read
    from the process itself; None if it made no process (say, an overridden start())."""
    return getattr(getattr(process, "_popen", None), "method", None)


#: The processes started through a recording class, oldest first: a report on a queue that
#: nothing can fill any more names those that failed.
STARTED: list[Any] = []


def _note_start(process) -> None:
    process.kata_pid = process.pid  # a process closed later (Process.close()) forgets its pid
    STARTED.append(process)
    PROCESS_EVENTS.append(("start", process.name, start_method_of(process)))


def _count_puts(process) -> None:
    """Before `process` starts: a count of what it puts on an attributed queue (see
    `Attributed`), in shared memory so that its child's count is seen here (inherited under fork,
    pickled with the process under spawn and forkserver)."""
    process.kata_puts = multiprocessing.sharedctypes.RawValue("i", 0)


def pid_of(process) -> int | None:
    """The pid of a process started through a recording class, closed since or not."""
    return getattr(process, "kata_pid", None)


def closed(process) -> bool:
    """Whether the code has closed `process` (Process.close(), which only an ended process
    allows): its pid, exit code and join are gone."""
    return getattr(process, "_closed", False)


def exit_code(process) -> int | None:
    """`process`'s exit code (None while it runs, and once the code has closed it: close()
    forgets it), read without the side effects a recording class gives a look at ``exitcode``
    (see `Holds`)."""
    if closed(process):
        return None
    return multiprocessing.process.BaseProcess.exitcode.fget(process)


def note_join(process, timeout: float | None) -> None:
    """A join of `process` that returned: whether it saw the process end, and, if so, what the
    process put on an attributed queue that was still unread then (see `ContextProcess`)."""
    code = exit_code(process)
    if code is not None:
        PROCESS_EVENTS.append(("join", process.name, code))
        puts = getattr(process, "kata_puts", None)
        unread = 0 if puts is None else puts.value - READ.get(process.pid, 0)
        if unread > 0:
            PROCESS_EVENTS.append(("unread", process.name, unread))
    elif timeout is not None:
        PROCESS_EVENTS.append(("join-timed-out", process.name, timeout))


class Recording:
    """A mixin for Process classes: records start() and join() in `PROCESS_EVENTS`."""

    def start(self) -> None:
        super().start()
        _note_start(self)

    def join(self, timeout: float | None = None) -> None:
        super().join(timeout)
        note_join(self, timeout)


def record_in_place(cls) -> None:
    """Make the Process class `cls` itself record start() and join() in `PROCESS_EVENTS`, and
    what its processes put on attributed queues (see `attribute_queues`).

    In place, not through a subclass: code reaches `cls` however it likes (a module global, a
    default argument, an alias) and its processes stay picklable under any start method.
    """
    start, join = cls.start, cls.join

    def recording_start(self) -> None:
        _count_puts(self)
        start(self)
        _note_start(self)

    def recording_join(self, timeout: float | None = None) -> None:
        join(self, timeout)
        note_join(self, timeout)

    cls.start, cls.join = recording_start, recording_join


class QueueNotFromContext(Exception):
    """Raised by the start() of a `RecordingContext`'s process given a queue the context did not
    make (a queue of another start method: under spawn it cannot be shared with the process)."""


#: The queues a `RecordingContext` made.
CONTEXT_QUEUES: list[Any] = []
#: The name and target of each process a `RecordingContext` started, in order (start() lets go
#: of a process's target).
TARGETS: list[tuple[str, Any]] = []
#: The attributed queues this process has put on (for a `HeldAtExit` process to flush).
PUT_ON: list[Any] = []
#: Items this process has read from a `RecordingContext`'s queues, by the pid of who put them.
READ: dict[int, int] = {}


#: The writing end of the gate the first `HeldAtExit` process started here waits at, and the pid
#: of the process that made it: see `open_gate`.
GATE: list[Any] = [None, None]


def open_gate() -> None:
    """Let the first `HeldAtExit` process started here begin its work (if none has yet): main
    waits for a process or a queue, or has looked at one. Until then no process has begun, so a
    first look (is_alive(), empty(), get_nowait()...) sees the same every run: nothing done yet,
    as it may on any machine. Only the process that made the gate opens it."""
    writer, pid = GATE
    if writer is not None and pid == os.getpid():
        GATE[0] = None
        writer.send_bytes(b"go")
        writer.close()


def _opening(
    method: Callable[..., Any], waits: Callable[[tuple, dict], bool]
) -> Callable[..., Any]:
    """`method`, opening the gate (`open_gate`) before it when ``waits(args, kwargs)``, else
    after it: a wait lets the processes begin, a look first sees what is there."""

    @functools.wraps(method)
    def opening(self, *args: Any, **kwargs: Any) -> Any:
        if waits(args, kwargs):
            open_gate()
        try:
            return method(self, *args, **kwargs)
        finally:
            open_gate()

    return opening


def _polls_with_a_wait(args: tuple, kwargs: dict) -> bool:
    timeout = args[0] if args else kwargs.get("timeout", 0.0)
    return timeout is None or timeout > 0


def _blocks(args: tuple, kwargs: dict) -> bool:
    """Whether a queue's get() called with `args` and `kwargs` may wait (its `block`)."""
    return args[0] if args else kwargs.get("block", True)


def _never(args: tuple, kwargs: dict) -> bool:
    return False


def _always(args: tuple, kwargs: dict) -> bool:
    return True


class Attributed:
    """A mixin for multiprocessing's queues: each item travels with the pid of the process that
    put it, the process that reads it counts what it read from whom (`READ`), and a recorded
    process counts what it put (its ``kata_puts``, in shared memory: see `_count_puts`). The
    items the student's code puts and gets are its own: the pid is added and taken off here."""

    def put(self, obj: Any, *args: Any, **kwargs: Any) -> None:
        super().put((os.getpid(), obj), *args, **kwargs)
        if not any(queue is self for queue in PUT_ON):
            PUT_ON.append(self)
        puts = getattr(multiprocessing.current_process(), "kata_puts", None)
        if puts is not None:
            puts.value += 1

    def _get(self, *args: Any, **kwargs: Any) -> Any:
        pid, obj = super().get(*args, **kwargs)
        READ[pid] = READ.get(pid, 0) + 1
        return obj

    def _empty(self) -> bool:
        return super().empty()

    # Each opens the gate (see `open_gate`): a get that waits before it waits, a look after it.
    get = _opening(_get, _blocks)
    empty = _opening(_empty, _never)


class Sized:
    """A mixin for the attributed queues that have a size (a SimpleQueue has none): a look at it
    opens the gate too (see `open_gate`)."""

    def _qsize(self) -> int:
        return super().qsize()

    def _full(self) -> bool:
        return super().full()

    qsize = _opening(_qsize, _never)
    full = _opening(_full, _never)


class QueueWatch:
    """Finds a get() that waits for good: a get() with no timeout on a multiprocessing queue
    whose pipe is empty, when nothing can put an item there any more. It reports that at once,
    through ``on_stuck("starved", report)``, instead of letting the get() wait out the judge's
    deadline.

    Nothing can put an item when this process holds none it has not yet written to the pipe, no
    other thread runs here (multiprocessing's feeder threads aside), and no other process of
    this process's group lives (the fork server and the resource tracker aside, which put
    nothing on a student's queue). A process writes what it put into the pipe before it exits;
    so once those conditions hold, an empty pipe stays empty. Where /proc cannot tell the group's
    processes, nothing is ever found, and the deadline ends the get() as before.

    While other processes live, the get() waits for the pipe or for one of them to exit, and
    looks again: events, not time, decide when it looks.

    A get() with a timeout waits the same way, as if what it waits for came in time (as it can:
    the processes could be that fast), and raises queue.Empty at once when nothing can come: so
    whether it gets an item never depends on how fast the machine is. Where in the student's
    file each such get() was made is kept (``timed_out``): code that stops reading there would
    stop early wherever an item comes later than the timeout.
    """

    def __init__(self, student: str, on_stuck: Callable[[str, object], None]) -> None:
        self.student = os.path.realpath(student)
        self.on_stuck = on_stuck
        self.timed_out: list[str] = []

    def wait_for_an_item(self, queue: Any, timed: bool = False) -> bool:
        """Return when `queue`'s pipe has something to read (or this cannot tell), True; if it
        never can have, report it, or, for a get with a timeout (`timed`), return False: its
        time would run out with nothing."""
        if getattr(queue, "_closed", False):
            return True  # its own get() says it is closed
        reader = queue._reader
        while True:
            # In this order: a process that exited after this look wrote what it put before
            # it exited, so the poll below sees it.
            children = [c for c in multiprocessing.active_children() if not done_putting(c)]
            nobody = not children and self.nothing_else_can_put(queue)
            try:
                if reader.poll():
                    return True
            except OSError:  # a closed queue: its own get() says so
                return True
            if nobody:
                if timed:
                    self.timed_out.append(self.site())
                    return False
                self.on_stuck("starved", self.report(queue))
                return True
            if not children:  # a thread, or a process not started from here, may still put
                return True
            ends = [end for child in children for end in ends_of_puts(child)]
            if reader in multiprocessing.connection.wait([reader, *ends]):
                return True

    def nothing_else_can_put(self, queue: Any) -> bool:
        """Whether nothing but the processes started from here (ended) could put on `queue`."""
        if getattr(queue, "_buffer", None):
            return False
        me = threading.current_thread()
        if any(t is not me and not feeds_a_queue(t) for t in threading.enumerate()):
            return False
        if parent_in_my_group():
            return False  # a worker: its parent lives in its group, and may put (no need to look)
        others = group_members()
        done = {pid_of(process) for process in STARTED if done_putting(process)}
        return others is not None and not others - helper_pids() - done

    def site(self) -> str:
        """The innermost line of the student's file on this thread's stack ("worker.py:31"), or
        "" when none is."""
        frame = sys._getframe(1)
        while frame is not None:
            if os.path.realpath(frame.f_code.co_filename) == self.student:
                return f"{os.path.basename(self.student)}:{frame.f_lineno}"
            frame = frame.f_back
        return ""

    def report(self, queue: Any) -> object:
        # Here, not at the top: every process a student's code spawns imports this module.
        from katakit import i18n
        from katakit.instruments.bubble import said, source

        call = next(
            c.__name__ for c in type(queue).__mro__ if c.__module__ == "multiprocessing.queues"
        )
        site = self.site()
        where = said("WAITING_AT", site=site, code=source(site, self.student)) if site else ""
        thread = threading.current_thread().name
        lines = [said("STARVED_REPORT", thread=thread, call=f"{call}.get()", where=where)]
        for process in STARTED:
            code = exit_code(process)
            if code is not None and code != 0:
                killed = said("KILLED_BY", signal=signal_name(-code)) if code < 0 else ""
                lines.append(said("PROCESS_FAILED", name=process.name, code=code, killed=killed))
        return i18n.Lines(lines, between=True)


def signal_name(number: int) -> str:
    """A signal's name (SIGSEGV), or its number if it has none."""
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


#: The watch of a judge's child (see `watch_queues`); None: get() waits as the real one does.
WATCH: QueueWatch | None = None


def watch_queues(student: str, on_stuck: Callable[[str, object], None]) -> None:
    """From now on, a get() on a multiprocessing Queue, JoinableQueue or SimpleQueue (of any
    context) that nothing can ever fill reports through `on_stuck` (see `QueueWatch`).
    `student` is the student's file, for where it waits."""
    global WATCH
    WATCH = QueueWatch(student, on_stuck)
    for cls in (multiprocessing.queues.Queue, multiprocessing.queues.SimpleQueue):
        cls.get = _watched(cls.get)


def timed_out_gets() -> list[str]:
    """Where in the student's file each get() with a timeout was made that the watch ended with
    queue.Empty, as nothing could come (see `QueueWatch`), with the line's code ("worker.py:36
    `...`"); [] when no watch runs here."""
    if WATCH is None:
        return []
    # Here, not at the top: every process a student's code spawns imports this module.
    from katakit.instruments.bubble import source

    return [" ".join(filter(None, (site, source(site, WATCH.student)))) for site in WATCH.timed_out]


def _watched(get: Callable[..., Any]) -> Callable[..., Any]:
    def watched_get(queue, *args: Any, **kwargs: Any) -> Any:
        timeout = args[1] if len(args) > 1 else kwargs.get("timeout")
        if _blocks(args, kwargs) and WATCH is not None:
            if timeout is None:
                WATCH.wait_for_an_item(queue)
            elif timeout > 0 and not WATCH.wait_for_an_item(queue, timed=True):
                raise std_queue.Empty
        return get(queue, *args, **kwargs)

    return watched_get


def feeds_a_queue(thread: threading.Thread) -> bool:
    """Whether `thread` is multiprocessing's own feeder of a Queue: the first put() in a process
    starts it, and it lives as long as the queue, past the student's code returning (a thread
    the student never started, and must not be told to join)."""
    return getattr(thread, "_target", None) is multiprocessing.queues.Queue._feed


def parent_in_my_group() -> bool:
    """Whether this process's parent is in this process's group (a parent outside this pid
    namespace, pid 0, is not)."""
    parent = os.getppid()
    try:
        return parent > 0 and os.getpgid(parent) == os.getpgrp()
    except OSError:  # the parent is gone
        return False


def group_members() -> set[int] | None:
    """The pids of the live processes of this process's group, this one aside (a zombie is not
    alive); None where /proc cannot tell."""
    from katakit import confine

    if not os.path.exists("/proc/self/stat"):
        return None
    group, me = os.getpgrp(), os.getpid()
    return {
        pid
        for pid, fields in confine.stats()
        if pid != me and int(fields[2]) == group and fields[0] not in confine.EXITED
    }


def helper_pids() -> set[int]:
    """multiprocessing's own helper processes this process started, if any: the fork server and
    the resource tracker."""
    from multiprocessing import forkserver, resource_tracker

    pids = {
        getattr(forkserver._forkserver, "_forkserver_pid", None),
        getattr(resource_tracker._resource_tracker, "_pid", None),
    }
    return {pid for pid in pids if pid is not None}


class AttributedQueue(Sized, Attributed, multiprocessing.queues.Queue):
    """A `Queue` whose items know who put them (see `Attributed`)."""


class AttributedSimpleQueue(Attributed, multiprocessing.queues.SimpleQueue):
    """A `SimpleQueue` whose items know who put them (see `Attributed`)."""


class AttributedJoinableQueue(Sized, Attributed, multiprocessing.queues.JoinableQueue):
    """A `JoinableQueue` whose items know who put them (see `Attributed`)."""


def done_putting(process) -> bool:
    """Whether `process`, held at its exit (see `HeldAtExit`), has written all it put to the
    queues' pipes: it can put nothing more."""
    done = getattr(process, "kata_done", None)
    return done is not None and done.poll()


def ends_of_puts(process) -> list:
    """What to wait on for `process` to be able to put nothing more: its end (its sentinel, read
    without the look a `HeldAtExit` process lets go at), and its `HeldAtExit` signal if any."""
    done = getattr(process, "kata_done", None)
    sentinel = multiprocessing.process.BaseProcess.sentinel.fget(process)
    return [sentinel] if done is None else [sentinel, done]


#: The ``kata_done`` of the `HeldAtExit` process started here last, for the next to wait on.
LAST_DONE: list[Any] = [None]


def gate_waits_on_connections() -> None:
    """Have main's waits and looks through a multiprocessing Connection (a Pipe's end, a
    Manager's proxy) open the gate too, as those on a queue or a process do."""
    from multiprocessing import connection, managers

    base = connection._ConnectionBase
    for name in ("recv", "recv_bytes", "recv_bytes_into"):
        setattr(base, name, _opening(getattr(base, name), _always))
    base.poll = _opening(base.poll, _polls_with_a_wait)
    managers.BaseProxy._callmethod = _opening(managers.BaseProxy._callmethod, _always)


def let_go() -> None:
    """Let every `HeldAtExit` process started here begin and exit: main has returned."""
    for process in STARTED:
        if isinstance(process, HeldAtExit):
            process.let_go()


class Holds:
    """A mixin for a recorded Process that waits, in its child, until the parent waits for it
    (join() without a timeout) or looks at it (is_alive(), exitcode, sentinel): `held` says
    whether it still waits, `let_go` lets it go on. A join with a timeout while it is held
    returns at once, recorded as timed out, and lets nothing go: the process runs, and its time
    ran out first, as it can on a busy machine. A look says what it saw (alive), then lets the
    process go."""

    def held(self) -> bool:
        raise NotImplementedError

    def let_go(self) -> None:
        raise NotImplementedError

    def join(self, timeout: float | None = None) -> None:
        if timeout is not None and self.held():
            multiprocessing.process.BaseProcess.join(self, 0)
            note_join(self, timeout)
            return
        self.let_go()
        super().join(timeout)

    def is_alive(self) -> bool:
        alive = super().is_alive()
        self.let_go()
        return alive

    @property
    def exitcode(self) -> int | None:
        code = super().exitcode
        self.let_go()
        return code

    @property
    def sentinel(self) -> int:
        self.let_go()
        return super().sentinel


class HeldAtExit(Holds):
    """A mixin for a `RecordingContext`'s Process that `Holds` at its exit: once its run() has
    returned and what it put on attributed queues is in their pipes, the process says so
    (``kata_done`` becomes readable here) and waits, before it exits, until the parent waits for
    it or looks at it, or `let_go` runs. So a join with a timeout before that finds it running,
    every run.

    The processes also do their work one at a time, in the order they were started: the first
    begins once main waits for a process, a queue or a connection, or has looked at one (the
    gate: `open_gate`), and each other once the one started before it is done, or has ended. So
    what they put arrives in that order, every run, whatever the scheduling: a main that does
    not sort gets its reports in start order here (and reversed where a test reverses the
    starts), and one that looks whether the queue is empty right after the starts sees it
    empty.

    Each signal is a byte down a pipe (``kata_done``, ``kata_leave``): a process killed while
    it waits (terminate()) leaves nothing waiting for it. Its ``kata_done`` also reads as done
    once it has ended, whatever the way: its child holds the only writing end."""

    def start(self) -> None:
        if LAST_DONE[0] is None:  # the first: it begins once the gate opens
            LAST_DONE[0], writer = multiprocessing.Pipe(duplex=False)
            GATE[:] = [writer, os.getpid()]
            gate_waits_on_connections()
        self.kata_after = LAST_DONE[0]
        self.kata_done, self.kata_done_writer = multiprocessing.Pipe(duplex=False)
        self.kata_leave, self.kata_leave_writer = multiprocessing.Pipe(duplex=False)
        self.kata_let_go = False
        writer = self.kata_done_writer
        try:
            super().start()
        finally:
            del self.kata_done_writer  # the child has it (copied, or pickled with the process)
            writer.close()
        LAST_DONE[0] = self.kata_done

    def run(self) -> None:
        if multiprocessing.current_process() is not self:  # run() called, not start()
            super().run()
            return
        PUT_ON.clear()  # under fork, the parent's
        if getattr(self, "kata_stamp", None):
            stamp_when_pickled(self._target, self.kata_stamp)
        if self.kata_after is not None:
            self.kata_after.poll(None)
        try:
            super().run()
        finally:
            for queue in PUT_ON:
                queue.close()
                getattr(queue, "join_thread", lambda: None)()
            self.kata_done_writer.send_bytes(b"done")
            self.kata_leave.poll(None)

    def held(self) -> bool:
        return hasattr(self, "kata_leave") and not self.kata_let_go

    def let_go(self) -> None:
        open_gate()  # main waits for a process or looks at one: the first may begin too
        if self.held():
            self.kata_let_go = True
            self.kata_leave_writer.send_bytes(b"go")


#: The name of the class, in the module of a `ContextProcess`'s target, whose objects that
#: process stamps with its pid when it pickles them (see `stamp_when_pickled`); None: none.
STAMP: list[str | None] = [None]
#: Each class of stamped objects, by the class it subclasses (see `stamped_class`).
STAMPED: dict[type, type] = {}


def stamp_when_pickled(target: Any, class_name: str) -> None:
    """In a child: every object of the tuple class `class_name` of the module of `target` (a
    function, or a functools.partial of one) that this process pickles from now on, whatever
    the channel (a queue, a pipe, a manager), carries this process's pid: unpickled, it is a
    `stamped_class` object whose ``kata_pickled_by`` is that pid."""
    while isinstance(target, functools.partial):
        target = target.func
    module = sys.modules.get(getattr(target, "__module__", None) or "")
    cls = getattr(module, class_name, None)
    if not (isinstance(cls, type) and issubclass(cls, tuple)):
        return
    name = module.__name__

    def stamped(self):
        return (unpickle_stamped, (name, class_name, tuple(self), os.getpid()))

    cls.__reduce__ = stamped


def stamped_class(cls: type) -> type:
    """A subclass of the tuple class `cls`, of the same name, whose objects know which child
    pickled them (``kata_pickled_by``), and say so again when they are pickled on."""
    found = STAMPED.get(cls)
    if found is None:
        attributes = {"__module__": cls.__module__, "__qualname__": cls.__qualname__}
        found = STAMPED[cls] = type(cls.__name__, (cls,), {**attributes, "__reduce__": _repickled})
    return found


def unpickle_stamped(module_name: str, class_name: str, fields: tuple, pid: int) -> Any:
    """An object of `class_name` of the module, made of `fields`, that the child `pid` pickled."""
    cls = getattr(importlib.import_module(module_name), class_name)
    made = stamped_class(cls)(*fields)
    made.kata_pickled_by = pid
    return made


def _repickled(self) -> tuple:
    base = type(self).__mro__[1]
    pid = getattr(self, "kata_pickled_by", None)  # None: made here, by _replace() say
    return (unpickle_stamped, (base.__module__, base.__name__, tuple(self), pid))


class ContextProcess(Recording):
    """A `RecordingContext`'s Process: records start and join, refuses a queue among its
    arguments that the context did not make, and knows when main joins it before reading what
    it put; its name and target go to `TARGETS`. In its child, the objects of its target's
    module's class named by `STAMP` carry its pid once pickled (`stamp_when_pickled`).

    A process that has put on a multiprocessing queue waits, before it exits, until what it put
    is in the queue's pipe, and a pipe holds only so much: a join before the reads can wait for
    ever (the docs' "joining processes that use queues"). With a few small items the pipe never
    fills, so the join returns; what it would have waited for is counted instead: when join
    returns, the process has exited, so everything it put is counted, and what main has read of
    it too. The difference, if any, is an ("unread", name, count) event.
    """

    def start(self) -> None:
        arguments = (*self._args, *self._kwargs.values())
        queues = (multiprocessing.queues.Queue, multiprocessing.queues.SimpleQueue)
        for argument in arguments:
            if isinstance(argument, queues) and not any(argument is q for q in CONTEXT_QUEUES):
                raise QueueNotFromContext(
                    f"{self.name!r} was given a {type(argument).__name__} that the context "
                    "passed to main did not make"
                )
        TARGETS.append((self.name, self._target))
        self.kata_stamp = STAMP[0]
        _count_puts(self)
        super().start()


def attribute_queues() -> None:
    """Make every multiprocessing queue made from now on, through any context or the module's
    own functions, an attributed one (see `Attributed`): what a process whose class is recorded
    in place puts is counted, and a join before the reads is seen. Call it before the student's
    module is imported (a `prepare`), for a `from multiprocessing import Queue` to get it."""
    context = multiprocessing.context.BaseContext

    def Queue(self, maxsize: int = 0):
        return AttributedQueue(maxsize, ctx=self.get_context())

    def SimpleQueue(self):
        return AttributedSimpleQueue(ctx=self.get_context())

    def JoinableQueue(self, maxsize: int = 0):
        return AttributedJoinableQueue(maxsize, ctx=self.get_context())

    context.Queue, context.SimpleQueue, context.JoinableQueue = Queue, SimpleQueue, JoinableQueue
    default = multiprocessing.context._default_context
    multiprocessing.Queue = default.Queue
    multiprocessing.SimpleQueue = default.SimpleQueue
    multiprocessing.JoinableQueue = default.JoinableQueue


class RecordingForkProcess(
    HeldAtExit, ContextProcess, multiprocessing.context.ForkProcess
):
    """A fork-started Process that records its start and join."""


class RecordingSpawnProcess(
    HeldAtExit, ContextProcess, multiprocessing.context.SpawnProcess
):
    """A spawn-started Process that records its start and join."""


class RecordingForkServerProcess(
    HeldAtExit, ContextProcess, multiprocessing.context.ForkServerProcess
):
    """A forkserver-started Process that records its start and join."""


_RECORDING = {
    "fork": RecordingForkProcess,
    "spawn": RecordingSpawnProcess,
    "forkserver": RecordingForkServerProcess,
}


class RecordingContext:
    """A multiprocessing context whose ``Process`` records into `PROCESS_EVENTS`, and whose
    queues are known to it and know who put each item (see `ContextProcess`). With `stamp`, the
    name of a tuple class of the processes' targets' module, the objects of that class a process
    pickles carry its pid (see `stamp_when_pickled`).

    With `reverse`, a number n, its n processes start in reverse order, one after another (see
    `ReversedStarts`): what they put arrives in the reverse of the order they were started in.

    Everything else (``Pipe``, ``Manager``...) is the real context's.
    """

    def __init__(self, method: str, stamp: str | None = None, reverse: int | None = None) -> None:
        self._context = multiprocessing.get_context(method)
        self.Process = _RECORDING[method]
        if reverse is not None:
            self.Process = type(f"Reversed{self.Process.__name__}", (self.Process,), {})
            reverse_in_place(self.Process, reverse)
        STAMP[0] = stamp

    def Queue(self, maxsize: int = 0):
        return self._made(AttributedQueue(maxsize, ctx=self._context))

    def SimpleQueue(self):
        return self._made(AttributedSimpleQueue(ctx=self._context))

    def JoinableQueue(self, maxsize: int = 0):
        return self._made(AttributedJoinableQueue(maxsize, ctx=self._context))

    @staticmethod
    def _made(queue):
        CONTEXT_QUEUES.append(queue)
        return queue

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)


class ReversedStarts:
    """Holds back process starts until `n` were asked for, then makes them in reverse order.

    Each child is started only once the one started before it has exited (its `sentinel` is
    ready), so what the children put on a queue arrives in the reverse of the order in which
    main asked for them: a main that does not sort gets its reports reversed, every time.
    `start` is the real start (a function taking the process). Until the n-th start, the
    processes asked for are not running (their `pid` is None): a main that waits for a report
    before it has asked for all n waits forever, and the test says so. A main that joins a
    process held back will not ask for the others first: the ones held start then, as they
    would have (main's join then works, and the test of the order of starts and joins says
    what is wrong with it). So do they when main looks at the pid or sentinel of one held back,
    which a started process has.
    """

    def __init__(self, n: int, start: Callable[[Any], None]) -> None:
        self.n = n
        self.start = start
        self.asked = 0
        self.held: list[Any] = []

    def ask(self, process) -> None:
        self.asked += 1
        self.held.append(process)
        if self.asked == self.n:
            self.release()

    def joining(self, process) -> None:
        """Main is about to join `process`, or to look at what a started process has: if it is
        held back, start the ones held now."""
        if any(process is held for held in self.held):
            self.release()

    def release(self) -> None:
        held, self.held = self.held, []
        for process in reversed(held):
            self.start(process)
            try:
                sentinel = process.sentinel
            except ValueError:  # start() was overridden and made no process
                continue
            # A correct worker exits at once; only a stuck one makes this wait reach its deadline.
            multiprocessing.connection.wait([sentinel], seconds())


def reverse_in_place(cls, n: int) -> None:
    """Make the Process class `cls` itself start its `n` processes in reverse order, one at a
    time (see `ReversedStarts`); in place, as `record_in_place` does, for the same reasons."""
    starts = ReversedStarts(n, cls.start)
    join = cls.join

    def reversed_start(self) -> None:
        starts.ask(self)

    def reversed_join(self, timeout: float | None = None) -> None:
        starts.joining(self)
        join(self, timeout)

    cls.start, cls.join = reversed_start, reversed_join
    for name in ("pid", "ident", "sentinel"):
        setattr(cls, name, property(started_first(starts, getattr(cls, name).fget)))


def started_first(starts: ReversedStarts, get: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`get`, a getter of what a started process has, that first starts `starts`' held ones if
    its process is one of them."""

    def getter(process) -> Any:
        starts.joining(process)
        return get(process)

    return getter


class ReversedContext:
    """A fork context whose `n` processes start in reverse order, one after another.

    Everything but ``Process`` (``Queue``, ``SimpleQueue``, ``Manager``...) is the real context's.
    """

    def __init__(self, n: int) -> None:
        self._context = multiprocessing.get_context("fork")
        self.Process = type("ReversedForkProcess", (multiprocessing.context.ForkProcess,), {})
        reverse_in_place(self.Process, n)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)


class StartedAtImport(BaseException):
    """Raised by Process.start() while the student's module is imported (see `import_as_library`).

    A BaseException, so that a student's ``except Exception`` does not swallow it.
    """


_REAL_START = multiprocessing.process.BaseProcess.start
_NAME_BEFORE_IMPORT: list[str] = []


def import_as_library(message: str) -> None:
    """A judge `prepare`: the student's module is imported as another program would import it.

    This process is named "MainProcess", as a program's main process is, and the module is
    imported under its plain name, not as ``__main__``. Until `allow_starts()`, any process
    start raises `StartedAtImport` with `message` (formatted with the process's ``name``): code
    at the top level of the module that starts processes runs at import, outside the
    ``if __name__ == "__main__":`` guard.
    """
    process = multiprocessing.current_process()
    _NAME_BEFORE_IMPORT.append(process.name)
    process.name = "MainProcess"

    def refuse(started) -> None:
        raise StartedAtImport(message.format(name=started.name))

    multiprocessing.process.BaseProcess.start = refuse


def allow_starts() -> None:
    """Undo `import_as_library`: processes start again, and this process has its own name back."""
    multiprocessing.process.BaseProcess.start = _REAL_START
    if _NAME_BEFORE_IMPORT:
        multiprocessing.current_process().name = _NAME_BEFORE_IMPORT.pop()


class Slept(BaseException):
    """Raised by a sleep called from the student's module (see `refusing_sleep`).

    A BaseException, so that a student's ``except Exception`` does not swallow it.
    """

    def __init__(self, call: str, seconds: Any, line: int) -> None:
        super().__init__(call, seconds, line)
        self.call = call  # "time.sleep", "Event.wait" or "Condition.wait"
        self.seconds = seconds
        self.line = line


#: The real sleeps, whatever `refuse_sleeps` put in their place.
REAL_SLEEP = time.sleep
REAL_EVENT_WAIT = threading.Event.wait
REAL_CONDITION_WAIT = threading.Condition.wait
#: While `refusing_sleep` runs: the process and the file whose sleeps it refuses.
REFUSED: list[tuple[int, str]] = []


def refused(call: str, seconds: Any, caller: Any) -> None:
    """Raise `Slept` if `caller`, the frame that called `call` to sleep `seconds`, runs the file
    whose sleeps are refused, in the process that refuses them."""
    if REFUSED and (os.getpid(), caller.f_code.co_filename) == REFUSED[-1]:
        raise Slept(call, seconds, caller.f_lineno)


def _sleep(seconds):
    refused("time.sleep", seconds, sys._getframe(1))
    REAL_SLEEP(seconds)


def _timed(call: str, real: Callable[..., Any]) -> Callable[..., Any]:
    """`real`, the wait of threading's named `call`, refused as a sleep when given a timeout."""

    def wait(self, timeout=None):
        if timeout is not None:
            refused(call, timeout, sys._getframe(1))
        return real(self, timeout)

    return wait


def refuse_sleeps() -> None:
    """prepare=: put in place the sleeps `refusing_sleep` refuses, before the student's module is
    imported, so that every way the module reaches time.sleep leads to them: ``time.sleep``,
    ``from time import sleep``, an alias, one kept in a tuple, a default or a partial at import.
    A timed ``Event.wait`` or ``Condition.wait`` is a sleep too, in disguise."""
    time.sleep = _sleep
    threading.Event.wait = _timed("Event.wait", REAL_EVENT_WAIT)
    threading.Condition.wait = _timed("Condition.wait", REAL_CONDITION_WAIT)


@contextmanager
def refusing_sleep(module) -> Iterator[None]:
    """Within it, a sleep (see `refuse_sleeps`, which must have run before `module` was imported)
    called by code of the student's `module` in this process raises `Slept`, with the seconds
    asked for and the line. Other sleeps (the standard library's, those of the processes the
    module starts) sleep as usual."""
    REFUSED.append((os.getpid(), module.__file__))
    try:
        yield
    finally:
        REFUSED.pop()


def put_ids(queue) -> None:
    """Put (ppid, pid) of this process on `queue`: a probe for who a context's children's parent is."""
    queue.put((os.getppid(), os.getpid()))


def parent_of_children(method: str) -> int:
    """The pid that children started with `method` see as their parent.

    The caller itself under fork and spawn; the fork server under forkserver.
    """
    context = multiprocessing.get_context(method)
    queue = context.SimpleQueue()
    probe = context.Process(target=put_ids, args=(queue,))
    probe.start()
    ppid, _ = queue.get()
    probe.join()
    return ppid


def drain(queue) -> list[Any]:
    """Everything on a multiprocessing queue whose writers have all exited (so it is all there)."""
    items = []
    while not queue.empty():
        items.append(queue.get())
    return items


def report_fields(module, value) -> tuple[str, Any]:
    """A kata 01/02 report as plain values: ("report", its fields) or ("other", its repr)."""
    if isinstance(value, module.Report):
        return ("report", tuple(value))
    return ("other", repr(value))


def reports_of(module, values) -> list[tuple[str, Any]]:
    """Kata 01/02 reports as plain values, each as `report_fields` gives it."""
    return [report_fields(module, value) for value in values]


def main_outcome(module, reports, method: str) -> dict[str, Any]:
    """What a kata 01/02 `main` returned (`reports`) as plain values, with the pids it is checked
    against: this process's ("caller"), its parent's ("caller_parent": what a report made here
    says as ppid), and the one children of `method` see as parent ("ppid"); and where a get()
    with a timeout found that nothing more could come ("timed_out", see `timed_out_gets`)."""
    return {
        "reports": reports_of(module, reports),
        "caller": os.getpid(),
        "caller_parent": os.getppid(),
        "ppid": parent_of_children(method),
        "timed_out": timed_out_gets(),
    }


def main_on_default_method(module, method: str, n: int) -> dict[str, Any]:
    """``main(n)`` of a kata 01/02 module, with multiprocessing's default start method set to
    `method`, as `main_outcome` gives it, with the start methods of the processes main started
    ("methods", whatever Process class it used)."""
    multiprocessing.set_start_method(method, force=True)
    record_in_place(multiprocessing.process.BaseProcess)
    before = len(PROCESS_EVENTS)
    reports = module.main(n)
    methods = sorted({m for event, _, m in PROCESS_EVENTS[before:] if event == "start" and m})
    return {**main_outcome(module, reports, method), "methods": methods}


#: Seconds (before scaling) a scenario waits for one child it started to exit: half the
#: deadline of the katas' process scenarios, as spawn starts a fresh interpreter for a child.
CHILD_WAIT = 4.0


def child_outcome(module, child, queue, method: str) -> dict[str, Any]:
    """What a kata 01/02 `child` did, given `queue` and started (or not) with `method`: joined
    within `CHILD_WAIT` seconds if it started, its exit code, pid and start method, the pids it
    is checked against (as in `main_outcome`), and the reports on `queue`, as plain values."""
    started = child.pid is not None
    if started:
        child.join(seconds(CHILD_WAIT))
    return {
        "started": started,
        "exitcode": child.exitcode,
        "pid": child.pid,
        "method": start_method_of(child),
        "caller": os.getpid(),
        "ppid": parent_of_children(method),
        "reports": reports_of(module, drain(queue)),
    }
