"""Processes: recorded starts and joins, contexts that record or reorder them, a module
imported as a library would import it, the small probes process scenarios need, and what the
processes of katas 01 and 02 did, as plain values."""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import multiprocessing.process
import multiprocessing.queues
import os
from typing import Any, Callable

from katakit.instruments.timing import seconds

#: ("start", name, pid) and ("join", name, exitcode) in the order the calling process saw them.
PROCESS_EVENTS: list[tuple[str, str, int | None]] = []


def _note_start(process) -> None:
    PROCESS_EVENTS.append(("start", process.name, process.pid))


def _note_join(process) -> None:
    if process.exitcode is not None:
        PROCESS_EVENTS.append(("join", process.name, process.exitcode))


class Recording:
    """A mixin for Process classes: records start() and join() in `PROCESS_EVENTS`."""

    def start(self) -> None:
        super().start()
        _note_start(self)

    def join(self, timeout: float | None = None) -> None:
        super().join(timeout)
        _note_join(self)


def record_in_place(cls) -> None:
    """Make the Process class `cls` itself record start() and join() in `PROCESS_EVENTS`.

    In place, not through a subclass: code reaches `cls` however it likes (a module global, a
    default argument, an alias) and its processes stay picklable under any start method.
    """
    start, join = cls.start, cls.join

    def recording_start(self) -> None:
        start(self)
        _note_start(self)

    def recording_join(self, timeout: float | None = None) -> None:
        join(self, timeout)
        _note_join(self)

    cls.start, cls.join = recording_start, recording_join


class QueueNotFromContext(Exception):
    """Raised by the start() of a `RecordingContext`'s process given a queue the context did not
    make (a queue of another start method: under spawn it cannot be shared with the process)."""


#: The queues a `RecordingContext` made.
CONTEXT_QUEUES: list[Any] = []


class ContextProcess(Recording):
    """A `RecordingContext`'s Process: records start and join, and refuses a queue among its
    arguments that the context did not make."""

    def start(self) -> None:
        arguments = (*self._args, *self._kwargs.values())
        queues = (multiprocessing.queues.Queue, multiprocessing.queues.SimpleQueue)
        for argument in arguments:
            if isinstance(argument, queues) and not any(argument is q for q in CONTEXT_QUEUES):
                raise QueueNotFromContext(
                    f"{self.name!r} was given a {type(argument).__name__} that the context "
                    "passed to main did not make"
                )
        super().start()


class RecordingForkProcess(ContextProcess, multiprocessing.context.ForkProcess):
    """A fork-started Process that records its start and join."""


class RecordingSpawnProcess(ContextProcess, multiprocessing.context.SpawnProcess):
    """A spawn-started Process that records its start and join."""


class RecordingForkServerProcess(ContextProcess, multiprocessing.context.ForkServerProcess):
    """A forkserver-started Process that records its start and join."""


_RECORDING = {
    "fork": RecordingForkProcess,
    "spawn": RecordingSpawnProcess,
    "forkserver": RecordingForkServerProcess,
}


class RecordingContext:
    """A multiprocessing context whose ``Process`` records into `PROCESS_EVENTS`, and whose
    queues are known to it (see `ContextProcess`).

    Everything else (``Pipe``, ``Manager``...) is the real context's.
    """

    def __init__(self, method: str) -> None:
        self._context = multiprocessing.get_context(method)
        self.Process = _RECORDING[method]

    def Queue(self, *args: Any, **kwargs: Any):
        return self._made(self._context.Queue(*args, **kwargs))

    def SimpleQueue(self, *args: Any, **kwargs: Any):
        return self._made(self._context.SimpleQueue(*args, **kwargs))

    def JoinableQueue(self, *args: Any, **kwargs: Any):
        return self._made(self._context.JoinableQueue(*args, **kwargs))

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
    or a process before it has asked for all n waits forever, and the test says so.
    """

    def __init__(self, n: int, start: Callable[[Any], None]) -> None:
        self.n = n
        self.start = start
        self.asked: list[Any] = []

    def ask(self, process) -> None:
        self.asked.append(process)
        if len(self.asked) != self.n:
            return
        for held in reversed(self.asked):
            self.start(held)
            try:
                sentinel = held.sentinel
            except ValueError:  # start() was overridden and made no process
                continue
            # A correct worker exits at once; only a stuck one makes this wait reach its deadline.
            multiprocessing.connection.wait([sentinel], seconds())


class ReversedForkProcess(multiprocessing.context.ForkProcess):
    """A fork Process whose start() goes through the `ReversedStarts` of its context."""

    starts: ReversedStarts | None = None

    def start(self) -> None:
        assert ReversedForkProcess.starts is not None
        ReversedForkProcess.starts.ask(self)


class ReversedContext:
    """A fork context whose `n` processes start in reverse order, one after another.

    Everything but ``Process`` (``Queue``, ``SimpleQueue``, ``Manager``...) is the real context's.
    """

    def __init__(self, n: int) -> None:
        self._context = multiprocessing.get_context("fork")
        ReversedForkProcess.starts = ReversedStarts(n, multiprocessing.context.ForkProcess.start)
        self.Process = ReversedForkProcess

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
    against: this process's ("caller") and the one children of `method` see as parent ("ppid")."""
    return {
        "reports": reports_of(module, reports),
        "caller": os.getpid(),
        "ppid": parent_of_children(method),
    }


def main_on_default_method(module, method: str, n: int) -> dict[str, Any]:
    """``main(n)`` of a kata 01/02 module, with multiprocessing's default start method set to
    `method`, as `main_outcome` gives it."""
    multiprocessing.set_start_method(method, force=True)
    return main_outcome(module, module.main(n), method)


#: Seconds (before scaling) a scenario waits for one child it started to exit: half the
#: deadline of the katas' process scenarios, as spawn starts a fresh interpreter for a child.
CHILD_WAIT = 4.0


def child_outcome(module, child, queue, method: str) -> dict[str, Any]:
    """What a kata 01/02 `child` did, given `queue` and started (or not) with `method`: joined
    within `CHILD_WAIT` seconds if it started, its exit code and pid, the pids it is checked
    against (as in `main_outcome`), and the reports on `queue`, as plain values."""
    started = child.pid is not None
    if started:
        child.join(seconds(CHILD_WAIT))
    return {
        "started": started,
        "exitcode": child.exitcode,
        "pid": child.pid,
        "caller": os.getpid(),
        "ppid": parent_of_children(method),
        "reports": reports_of(module, drain(queue)),
    }
