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
import multiprocessing.context
import os
import re
import threading
import time
from typing import Any, Callable

#: The deadline scale of this run; the judge child sets it from the plugin's setting.
SCALE = 1.0
#: Seconds a scenario waits for something a correct solution does at once (before scaling).
WAIT = 1.0


def seconds(value: float = WAIT) -> float:
    """`value` seconds, scaled by the run's deadline scale."""
    return value * SCALE


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


class Recording:
    """A mixin for Process classes: records start() and join() in `PROCESS_EVENTS`."""

    def start(self) -> None:
        super().start()
        PROCESS_EVENTS.append(("start", self.name, self.pid))

    def join(self, timeout: float | None = None) -> None:
        super().join(timeout)
        if self.exitcode is not None:
            PROCESS_EVENTS.append(("join", self.name, self.exitcode))


class RecordingForkProcess(Recording, multiprocessing.context.ForkProcess):
    """A fork-started Process that records its start and join."""


class RecordingSpawnProcess(Recording, multiprocessing.context.SpawnProcess):
    """A spawn-started Process that records its start and join."""


class RecordingForkServerProcess(Recording, multiprocessing.context.ForkServerProcess):
    """A forkserver-started Process that records its start and join."""


_RECORDING = {
    "fork": RecordingForkProcess,
    "spawn": RecordingSpawnProcess,
    "forkserver": RecordingForkServerProcess,
}


class RecordingContext:
    """A multiprocessing context whose ``Process`` records into `PROCESS_EVENTS`.

    Everything else (``Queue``, ``SimpleQueue``, ``Pipe``...) is the real context's.
    """

    def __init__(self, method: str) -> None:
        self._context = multiprocessing.get_context(method)
        self.Process = _RECORDING[method]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)


def _deadline(timeout: float | None) -> float:
    return time.monotonic() + seconds(WAIT if timeout is None else timeout)


def missing_names(module, names: tuple[str, ...]) -> list[str]:
    """The names of the kata's public API that the student's module does not define."""
    return [name for name in names if not hasattr(module, name)]


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
