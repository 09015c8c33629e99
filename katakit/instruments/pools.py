"""Pools: executors that record how they were made and shut down, and a function whose calls are
logged in every process and thread that makes them. Made for kata 07, where a scenario must see
where CPU-bound work ran (in the caller, in its threads, in child processes) without timing it.

- `record_executors` (a judge `prepare`) makes ``concurrent.futures.ThreadPoolExecutor`` and
  ``ProcessPoolExecutor`` recording ones, also for a module that imports them by name after it.
  Each keeps a `PoolRecord` (the max_workers it was given, the start method of its processes,
  the ``wait`` of each shutdown, how many calls were submitted to it once the code had waited
  for the result of one) and stays in `POOLS`: a pool the code never shut down keeps running,
  to be seen (a pool lost from sight shuts itself down when it is garbage collected, at a
  moment nobody chooses). A wait is a future's ``result()`` or ``exception()``, or
  ``concurrent.futures.wait`` or ``as_completed`` on it (``map`` waits through ``result()``).
  Each call submitted runs as a task of its own id (`run_task`), which the calls it makes log.
- `CallLog.install(module, name)` puts in place of a module's function one that logs each call
  (process, thread, arguments, the task it ran in) in a file, then makes it: here, in processes
  forked from here, and in every worker of a recording process pool whatever its start method
  (each worker installs it first, through the pool's initializer). Pickled, it is the module's
  function by name, as the original was, so a pool hands it to its workers as it would the
  original.
- `left_running` says what runs besides the scenario; `finish` shuts every pool down and waits
  for what the code started, once the scenario has observed.
"""

from __future__ import annotations

import ast
import concurrent.futures
import concurrent.futures.process
import concurrent.futures.thread
import functools
import importlib
import inspect
import itertools
import multiprocessing
import os
import tempfile
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple

from katakit.instruments.threads import finish_others
from katakit.instruments.timing import seconds
from katakit.instruments.values import plain

#: The executors made through the recording classes, oldest first.
POOLS: list[Any] = []
#: What every worker of a recording process pool runs first (picklable functions of no argument).
WORKER_SETUPS: list[Callable[[], Any]] = []


@dataclass
class PoolRecord:
    """How one executor was made and shut down."""

    kind: str  # "thread" or "process"
    max_workers: Any  # as the code gave it (None: not given)
    start_method: str | None  # a process pool's: how its processes start
    shutdowns: list[bool] = field(default_factory=list)  # the `wait` of each shutdown(), in order
    submitted: int = 0  # calls submitted (map submits each call)
    after_a_wait: int = 0  # of them, those submitted once the code had waited for a result


#: Whether the code has waited for the result of a recording pool's future.
WAITED: list[bool] = []
#: The ids of the tasks submitted to recording pools, in the process that submits them.
TASK_IDS = itertools.count(1)
#: The task the calling thread runs now (`task`: its id), in any process.
TASK = threading.local()


def run_task(task: str, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` as the task `task`: what a recording pool runs for each call
    submitted to it (pickled by name, with `fn`, as `fn` alone would be)."""
    outer = getattr(TASK, "task", None)
    TASK.task = task
    try:
        return fn(*args, **kwargs)
    finally:
        TASK.task = outer


class Submitting:
    """A mixin for the recording executors: counts the calls submitted, runs each as a task of
    its own id (`run_task`), and marks their futures so that a wait for one of them is seen
    (see `record_executors`)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        self.record.submitted += 1
        self.record.after_a_wait += bool(WAITED)
        task = functools.partial(run_task, f"{os.getpid()}-{next(TASK_IDS)}", fn)
        future = super().submit(task, *args, **kwargs)
        future.kata_recorded = True
        return future


def note_wait(futures: list) -> None:
    """The code waits for `futures`: noted in WAITED if one is a recording pool's."""
    if not WAITED and any(getattr(future, "kata_recorded", False) for future in futures):
        WAITED.append(True)


def waiting_method(method: Callable[..., Any]) -> Callable[..., Any]:
    """A Future's `method` (result, exception), noting the wait (see `note_wait`)."""

    @functools.wraps(method)
    def noting(self, *args: Any, **kwargs: Any) -> Any:
        note_wait([self])
        return method(self, *args, **kwargs)

    return noting


def waiting_function(function: Callable[..., Any]) -> Callable[..., Any]:
    """concurrent.futures' `function` (wait, as_completed), noting the wait (see `note_wait`)."""

    @functools.wraps(function)
    def noting(fs, *args: Any, **kwargs: Any) -> Any:
        fs = list(fs)  # any iterable, once: both functions make a set of it first
        note_wait(fs)
        return function(fs, *args, **kwargs)

    return noting


class RecordingThreadPoolExecutor(Submitting, concurrent.futures.ThreadPoolExecutor):
    """A ThreadPoolExecutor that keeps a `PoolRecord` and stays in `POOLS`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        given = inspect.signature(super().__init__).bind(*args, **kwargs)
        self.record = PoolRecord("thread", given.arguments.get("max_workers"), None)
        POOLS.append(self)

    def shutdown(self, wait: bool = True, **kwargs: Any) -> None:
        self.record.shutdowns.append(wait)
        super().shutdown(wait, **kwargs)


class RecordingProcessPoolExecutor(Submitting, concurrent.futures.ProcessPoolExecutor):
    """A ProcessPoolExecutor that keeps a `PoolRecord`, stays in `POOLS`, and has each of its
    workers run `WORKER_SETUPS` before the pool's own initializer."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        try:
            given = inspect.signature(super().__init__).bind(*args, **kwargs)
        except TypeError:  # arguments the real class refuses: let it say so
            super().__init__(*args, **kwargs)
            raise
        arguments = given.arguments
        max_workers = arguments.get("max_workers")
        own = (arguments.get("initializer"), tuple(arguments.get("initargs", ())))
        arguments["initializer"] = set_up_worker
        arguments["initargs"] = (tuple(WORKER_SETUPS), *own)
        super().__init__(*given.args, **given.kwargs)
        # The context the pool resolved (the one given, or the default): how its processes start.
        method = self._mp_context.get_start_method()
        self.record = PoolRecord("process", max_workers, method)
        POOLS.append(self)

    def shutdown(self, wait: bool = True, **kwargs: Any) -> None:
        self.record.shutdowns.append(wait)
        super().shutdown(wait, **kwargs)


def set_up_worker(setups: tuple, initializer: Callable[..., Any] | None, initargs: tuple) -> None:
    """The initializer of a recording process pool's workers: `setups`, then the pool's own."""
    for setup in setups:
        setup()
    if initializer is not None:
        initializer(*initargs)


def record_executors() -> None:
    """A `prepare`: concurrent.futures' ThreadPoolExecutor and ProcessPoolExecutor are the
    recording ones, however the student's module (imported after this) reaches them, and a
    wait for one of their futures is noted."""
    for module in (concurrent.futures, concurrent.futures.thread):
        module.ThreadPoolExecutor = RecordingThreadPoolExecutor
    for module in (concurrent.futures, concurrent.futures.process):
        module.ProcessPoolExecutor = RecordingProcessPoolExecutor
    future = concurrent.futures.Future
    for name in ("result", "exception"):
        setattr(future, name, waiting_method(getattr(future, name)))
    for name in ("wait", "as_completed"):
        waiting = waiting_function(getattr(concurrent.futures, name))
        setattr(concurrent.futures, name, waiting)
        setattr(concurrent.futures._base, name, waiting)


def records() -> list[tuple]:
    """The `PoolRecord` of every recording executor so far, as plain values."""
    return [
        plain((r.kind, r.max_workers, r.start_method, r.shutdowns, r.submitted, r.after_a_wait))
        for r in (pool.record for pool in POOLS)
    ]


class Call(NamedTuple):
    """One logged call: where it ran, and its arguments in the order of the parameters."""

    pid: int
    thread: str
    main_thread: bool  # made in its process's main thread
    args: tuple  # bound to the parameters, defaults filled in
    task: str | None  # the recording pool's task it was made in (see `run_task`), or None


#: The attribute that marks a function `CallLog` put in place: the path of its log.
LOGGED = "__kata_call_log__"


class CallLog:
    """The calls of one module function, from every process and thread that makes them, one line
    each appended to a file (a single write, so lines of processes at once never mix). A
    context manager: at the end of the ``with`` block the function is the original again here,
    pools made later no longer log its calls, and the file is removed."""

    def __init__(self, path: str, module_name: str, name: str) -> None:
        self.path = path
        self.module_name = module_name
        self.name = name

    @classmethod
    def install(cls, module, name: str) -> CallLog:
        """Log the calls of ``module.name`` from now on: here, in processes forked from here, and
        in the workers of every recording process pool made from now on."""
        handle, path = tempfile.mkstemp(prefix="kata-calls-")
        os.close(handle)
        log = cls(path, module.__name__, name)
        log.put_in_place()
        WORKER_SETUPS.append(log.put_in_place)
        return log

    def put_in_place(self) -> None:
        """Put a logging function in place of the function in its module (imported if it is not
        yet), unless this log's is there already (a forked process inherits it)."""
        module = importlib.import_module(self.module_name)
        original = getattr(module, self.name)
        if getattr(original, LOGGED, None) == self.path:
            return
        if hasattr(original, LOGGED):  # another log's: log the function itself
            original = original.__wrapped__
        signature = inspect.signature(original)

        @functools.wraps(original)
        def logged(*args: Any, **kwargs: Any) -> Any:
            self.write(signature, args, kwargs)
            return original(*args, **kwargs)

        setattr(logged, LOGGED, self.path)
        setattr(module, self.name, logged)

    def write(self, signature: inspect.Signature, args: tuple, kwargs: dict) -> None:
        """Append one call's line: this process, this thread, the arguments, the task."""
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError:  # the call itself will say what is wrong with its arguments
            values = (*args, *kwargs.values())
        else:
            bound.apply_defaults()
            values = tuple(bound.arguments.values())
        thread = threading.current_thread()
        main = thread is threading.main_thread()
        line = repr(plain((os.getpid(), thread.name, main, values, getattr(TASK, "task", None))))
        handle = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(handle, f"{line}\n".encode())
        finally:
            os.close(handle)

    def calls(self) -> list[Call]:
        """Every call logged so far, in the order the lines were written."""
        with open(self.path, encoding="utf-8") as file:
            return [Call(*ast.literal_eval(line)) for line in file]

    def __enter__(self) -> CallLog:
        return self

    def __exit__(self, *exc: object) -> None:
        module = importlib.import_module(self.module_name)
        setattr(module, self.name, getattr(module, self.name).__wrapped__)
        WORKER_SETUPS.remove(self.put_in_place)
        os.unlink(self.path)


def left_running() -> dict[str, list[str]]:
    """The names of the threads running besides this one, and of this process's live children."""
    me = threading.current_thread()
    return {
        "threads": sorted(t.name for t in threading.enumerate() if t is not me),
        "processes": sorted(p.name for p in multiprocessing.active_children()),
    }


def finish() -> None:
    """A scenario's clearing up, once it has observed: shut every recording pool down, and wait
    (WAIT seconds, scaled) for the processes and threads the code started to end."""
    for pool in POOLS:
        pool.shutdown(wait=True)
    for process in multiprocessing.active_children():
        process.join(seconds())
    finish_others()
