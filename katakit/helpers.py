"""Shared helpers for scenarios: the code that runs around the student's code in a judge child.

A kata test is two halves. The *scenario* (a module-level function of the test file, called as
``scenario(module, *args)``) runs in the judge's disposable child: it drives the student's
module and returns plain observations (numbers, strings, tuples, lists). The *test* runs in the
pytest process and asserts on those observations with a teaching message.

Rules for scenarios, and what these helpers give them:

- Order events with instrumented objects, `threading.Event`, `Barrier` and queues, never with
  sleep: `RecordingLock` records who held a lock and when; `RecordingContext` records when
  processes were started and joined.
- Every wait has a deadline (`seconds(...)`, scaled like the judge's own deadline and shorter
  than it), so that a wrong solution ends as an observation ("only 4 threads got inside"), not
  as a stuck child. Only a wrong solution ever reaches one.
- Threads a scenario starts are daemon threads started through `Runner`, which keeps what each
  one returned or raised, so a student's exception becomes an observation.
- This module must stay light: it is imported by every judge child, and by processes that the
  student's code spawns. It never imports pytest.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import multiprocessing.process
import multiprocessing.queues
import os
import re
import threading
import time
from typing import Any, Callable

from katakit.instruments.timing import WAIT, seconds


class Runner:
    """Starts daemon threads and keeps, per thread name, what it returned or raised."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []
        self.results: dict[str, Any] = {}
        self.errors: dict[str, str] = {}

    def start(self, name: str, target: Callable[..., Any], *args: Any) -> threading.Thread:
        def run() -> None:
            try:
                self.results[name] = target(*args)
            except Exception as exc:  # the student's exception is an observation
                self.errors[name] = f"{type(exc).__name__}: {exc}"

        thread = threading.Thread(target=run, name=name, daemon=True)
        self.threads.append(thread)
        thread.start()
        return thread

    def join(self, timeout: float | None = None) -> list[str]:
        """Join every thread within one shared deadline; return the names still running."""
        end = _deadline(timeout)
        for thread in self.threads:
            thread.join(max(0.0, end - time.monotonic()))
        return [t.name for t in self.threads if t.is_alive()]


class RecordingLock:
    """A lock that records, in order, each acquire and release with the thread's name.

    It wraps a real lock made by `factory` (``threading.Lock`` by default), so it excludes like
    the real one. ``events`` holds ``("acquire" | "release", thread name)`` tuples; ``holder``
    names the thread holding it, until a re-entrant lock is released as often as it was taken.
    """

    def __init__(self, factory: Callable[[], Any] = threading.Lock) -> None:
        self._lock = factory()
        self.events: list[tuple[str, str]] = []
        self.holder: str | None = None
        self.depth = 0

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        acquired = self._lock.acquire(blocking, timeout)
        if acquired:
            self.depth += 1
            self.holder = threading.current_thread().name
            self.events.append(("acquire", self.holder))
        return acquired

    def release(self) -> None:
        self.events.append(("release", threading.current_thread().name))
        self.depth -= 1
        if not self.depth:
            self.holder = None
        self._lock.release()

    __enter__ = acquire

    def __exit__(self, *exc: object) -> None:
        self.release()

    def held_by_me(self) -> bool:
        return self.holder == threading.current_thread().name


# --- processes ----------------------------------------------------------------------------------

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


def _deadline(timeout: float | None) -> float:
    return time.monotonic() + seconds(WAIT if timeout is None else timeout)


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


# --- the pytest side ----------------------------------------------------------------------------


def check_reports(messages, reports: list, n: int, caller: int, ppid: int) -> None:
    """Assert the rules every list of reports returned by a kata 01/02 `main(n)` follows.

    `reports` holds `report_fields` pairs; `messages` is the kata's messages module.
    """
    assert len(reports) == n, messages.MAIN_COUNT.format(n=n, count=len(reports))
    others = [value for kind, value in reports if kind != "report"]
    assert not others, messages.NOT_A_REPORT.format(value=others[0])
    fields = [value for _, value in reports]
    pids = [pid for _, _, _, pid in fields]
    in_caller = pids.count(caller)
    assert not in_caller, messages.RAN_IN_CALLER.format(count=in_caller, pid=caller)
    arguments = [argument for _, argument, _, _ in fields]
    assert arguments == list(range(n)), messages.MAIN_ORDER.format(
        got=arguments, expected=list(range(n))
    )
    names = [name for name, _, _, _ in fields]
    expected = [f"process {i}" for i in range(n)]
    assert names == expected, messages.MAIN_NAMES.format(got=names, expected=expected)
    assert len(set(pids)) == n, messages.PIDS_NOT_DISTINCT.format(pids=pids, n=n)
    ppids = [p for _, _, p, _ in fields]
    assert set(ppids) == {ppid}, messages.PPIDS_DIFFER.format(ppids=ppids, expected=ppid)


#: The two lines kata 02's demo prints per worker, as in the original example (its contract).
REPORT_LINES = re.compile(r"name : (.*), argument : (.*)\nparent pid : (\d+), pid : (\d+)")


def check_report_lines(messages, run, n: int = 5) -> None:
    """Assert kata 02's demo printed both lines for workers 0..n-1, from distinct children.

    `run` is the script's `katakit.judge.ScriptRun`; the workers' parent is the script itself.
    """
    printed = REPORT_LINES.findall(run.stdout)
    for i in range(n):
        found = [p for p in printed if p[:2] == (f"process {i}", str(i))]
        lines = f"name : process {i}, argument : {i}\nparent pid : {run.pid}, pid : <pid>"
        assert len(found) == 1, messages.SCRIPT_LINES.format(got=run.stdout, i=i, expected=lines)
        ppid = int(found[0][2])
        assert ppid == run.pid, messages.WRONG_PPID.format(got=ppid, expected=run.pid)
    pids = [p[3] for p in printed]
    assert len(set(pids)) == n, messages.PIDS_NOT_DISTINCT.format(pids=pids, n=n)
