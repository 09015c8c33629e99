"""The judge's child side: runs one scenario against the student's module, in a disposable process.

Nothing here imports pytest or the student's module at import time, so a fork server can preload
it cheaply. `main` is the target of every judge child. It:

1. moves the child into a process group of its own, so that the parent can kill it together with
   every process the student's code started;
2. sends fd 1 and 2 to files the parent reads back (so prints reach pytest's report);
3. installs a SIGUSR1 handler that reports where every thread is, for the "stuck" verdict, and a
   `threading.excepthook` that reports an exception escaping any thread at once; puts a thread
   kata's threads in a bubble (`katakit.instruments.bubble`), or has a process kata's blocking
   queue gets watched (`katakit.instruments.processes.watch_queues`), either of which reports a
   wait that can never end at once; and gives the student's code the platform's default start
   method;
4. in a graded run, drops to the student's uid (`katakit.confine.become_student`), runs the
   request's `prepare` (say, to put instrumented primitives in place), imports the student's
   module by its plain name and calls ``scenario(module, *args, **kwargs)``;
5. reports the scenario's return value, or its exception, and the threads and processes the
   student's code left running.

Messages go to the parent as pickled tuples through a one-way pipe; see `katakit.judge.launch`
for the receiving side and `katakit.judge.verdict` for what they mean.

A scenario (or a `prepare`) defined in a kata's ``.meta/scenarios.py`` travels as a `ByFile`
reference (see `portable`): that file is not on ``sys.path``, so a child that did not inherit
the module (a fork server's) loads it from its file.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import multiprocessing
import multiprocessing.forkserver  # here, once: main sets its preload in every child
import operator
import os
import pickle
import secrets
import signal
import struct
import sys
import tempfile
import threading
import traceback
import types
from dataclasses import dataclass, field
from multiprocessing import reduction
from pathlib import Path
from typing import Any, Callable

from katakit import confine, i18n
from katakit.deadlines import SWITCH_ENV
from katakit.judge import texts
from katakit.instruments import bubble, processes, timing

#: Bytes of the token that begins each of a child's messages.
TOKEN_BYTES = 16
#: Exit code of a child that was asked for its stacks because it passed its deadline.
STUCK_EXIT = 70
#: Seconds (scaled) that the processes the student's code left behind may take to end by
#: themselves, outside a bubble: one that has done its work and is on its way out when main
#: returns (or not yet: the scheduler's choice) is not left running; one that waits for ever is.
ENDING = 1.0


class InheritedFd:
    """A file descriptor of the parent that a judge child gets too.

    A forked child simply inherits it; pickled for a fork server's child, it travels as a
    duplicate that the server hands over (multiprocessing's own way of passing fds).
    """

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __reduce__(self):
        return _rebuild_fd, (reduction.DupFd(self.fd),)


def _rebuild_fd(duplicate) -> InheritedFd:
    return InheritedFd(duplicate.detach())


#: The attribute that marks a module loaded by `load_file`.
FILE_MODULE = "__kata_file_module__"


def load_file(name: str, path: Path) -> types.ModuleType:
    """The module in the file `path`, imported under `name` (once: later calls return it)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    setattr(module, FILE_MODULE, True)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


@dataclass(frozen=True)
class ByFile:
    """A function of a module loaded by `load_file`, called by reference to that file."""

    path: str
    module: str
    qualname: str

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        found = load_file(self.module, Path(self.path))
        return functools.reduce(getattr, self.qualname.split("."), found)(*args, **kwargs)


def portable(function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` in a form that reaches any child: a function of a module loaded by `load_file`
    as a `ByFile` (also inside a functools.partial), anything else as it is."""
    if isinstance(function, functools.partial):
        return functools.partial(portable(function.func), *function.args, **function.keywords)
    module = sys.modules.get(getattr(function, "__module__", None) or "")
    if module is not None and getattr(module, FILE_MODULE, False):
        return ByFile(module.__file__, module.__name__, function.__qualname__)
    return function


@dataclass(frozen=True)
class Request:
    """What one judge child must do. Picklable, so it travels to a fork server's children too."""

    scenario: Callable[..., Any]
    module_name: str
    module_dir: str
    stdout: InheritedFd
    stderr: InheritedFd
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    scale: float = 1.0
    prepare: Callable[[], Any] | None = None  # runs before the student's module is imported
    #: Run the code in a bubble (`katakit.instruments.bubble`) with these limits: CPU seconds
    #: without a thread waiting or waking (a spin), and real seconds with neither (stuck in a
    #: call the bubble cannot see). None: no bubble.
    bubble: tuple[float, float] | None = None
    #: In the bubble, have the threads switch between the instructions of the student's code, or
    #: after its releases, from the scenario's start on, as this says
    #: (`katakit.instruments.bubble.switch_threads`). None: only where they wait.
    switching: bubble.Switching | None = None
    #: The environment of the pytest process when the test ran (a fork server's children
    #: would otherwise get the one the server started with), its TMPDIR the judge's folder for
    #: the child's temporary files.
    environ: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    #: Begins every message the child sends (see `_Channel`); a secret of this run, never in
    #: the environment or on a command line.
    token: bytes = field(default_factory=lambda: secrets.token_bytes(TOKEN_BYTES), repr=False)
    #: (pid, fd) of the process that reads the child's messages and of its read end: a child
    #: that process forked holds that end too, and closes it (`close_inherited_reader`).
    reader: tuple[int, int] | None = None
    #: Check, before reporting, what student code replaced (`Guard`): a grade of record's runs.
    guard: bool = False


@dataclass(frozen=True)
class Frame:
    filename: str
    lineno: int
    function: str
    line: str


@dataclass(frozen=True)
class ThreadStack:
    name: str
    frames: tuple[Frame, ...]  # outermost first, like a traceback


@dataclass(frozen=True)
class Failure:
    """An exception raised by the scenario, or escaping a thread."""

    type_name: str
    message: str
    frames: tuple[Frame, ...]
    text: str
    thread: str


#: What the channel sends with, taken when this module is imported, before any student code
#: runs: code that replaces pickle.dumps, os.write or a Connection's methods later (to read the
#: token off a message, or to rewrite one) changes nothing here.
_DUMPS = pickle.dumps
_WRITE = os.write
_EXIT = os._exit
#: The length before each message, as `multiprocessing.connection.Connection.send_bytes` writes
#: it (the parent reads with `recv_bytes`).
_LENGTH = struct.Struct("!i").pack


class _Channel:
    """A thread-safe, signal-safe sender: each message is one frame of the run's token and a
    pickled tuple, as `send_bytes` frames it. The student's code runs in this process and can
    reach the pipe's file descriptor; without the token, what it writes there is no message of
    the judge's."""

    def __init__(self, conn, token: bytes) -> None:
        self.conn = conn  # kept, so that its descriptor stays open
        self.fd = conn.fileno()
        self.token = token
        self.lock = threading.RLock()

    def send(self, *message: Any) -> None:
        data = self.token + _DUMPS(message)
        view = memoryview(_LENGTH(len(data)) + data)
        with self.lock:
            while view:
                view = view[_WRITE(self.fd, view):]


#: The top-level packages whose functions, classes and methods the child's side runs (or the
#: scenarios do) once the student's module is imported. `Guard` tells which of them student
#: code replaced.
GUARDED = frozenset(
    (
        "builtins _collections _functools _io _operator _pickle _queue _struct _thread _weakref "
        "collections concurrent copy copyreg dataclasses enum functools io itertools katakit "
        "linecache multiprocessing operator os pickle posix queue select selectors signal struct "
        "threading time traceback types weakref"
    ).split()
)
#: Py_TPFLAGS_HEAPTYPE: a class made by a class statement, whose attributes can be set.
HEAPTYPE = 1 << 9
#: What `Guard` checks with, taken before any student code runs (which could replace builtins).
_TYPE, _ISINSTANCE, _CALLABLE, _ALL, _MAP, _IS = type, isinstance, callable, all, map, operator.is_
_GETPROFILE, _SETPROFILE = sys.getprofile, sys.setprofile
_TYPE_DICT = type.__dict__["__dict__"].__get__
_FUNCTION, _PARTIAL = types.FunctionType, functools.partial
_PROPERTY, _WRAPPERS = property, (classmethod, staticmethod, types.MethodType)
#: The folder of katakit's own files.
_KATAKIT = str(Path(__file__).resolve().parent.parent) + os.sep


def code_like(value: Any) -> bool:
    """Whether `value` is code a namespace holds (a function, class, method or module), as
    opposed to data that the code itself may rebind as it runs."""
    return _CALLABLE(value) or _ISINSTANCE(
        value, (property, classmethod, staticmethod, types.ModuleType)
    )



def namespaces_of(name: str, module: Any) -> tuple[tuple[str, Any, bool], ...]:
    """(qualified name, namespace, whether a class's) of module `name` if it is of the GUARDED
    packages or of the scenarios' files, and of each class defined in it; () for any other."""
    namespace = getattr(module, "__dict__", None)
    guarded = name.partition(".")[0] in GUARDED or getattr(module, FILE_MODULE, False)
    if type(namespace) is not dict or not guarded:
        return ()
    found = [(name, namespace, False)]
    for key, value in list(namespace.items()):
        if (
            isinstance(value, type)
            and value.__flags__ & HEAPTYPE
            and value.__dict__.get("__module__") == name
        ):
            found.append((f"{name}.{key}", value.__dict__, True))
    return tuple(found)


#: `namespaces_of` each module seen so far, by name: a forked child inherits what its parent
#: found, and looks only at the modules imported since.
_FOUND: dict[str, tuple[tuple[str, Any, bool], ...]] = {}


def code_namespaces() -> list[tuple[str, Any, bool]]:
    """`namespaces_of` every module now imported."""
    for name in sys.modules.keys() - _FOUND.keys():
        _FOUND[name] = namespaces_of(name, sys.modules[name])
    return [entry for entries in _FOUND.values() for entry in entries]


#: The GUARDED modules' namespaces when this module was imported, before any student code ran:
#: the judge may put back what it replaced for a while (`processes.allow_starts`, say).
_ORIGINALS = {label: dict(namespace) for label, namespace, _ in code_namespaces()}


class Guard:
    """The code of the GUARDED modules and of the scenarios' modules, as it was when made (before
    the student's module is imported), to tell what student code has replaced since: by whatever
    route it reached it (an assignment to a parameter, say, which screening cannot tell from an
    honest one), code that replaces pickle.dumps, a method of the instruments or
    threading.enumerate could change what this child reports."""

    def __init__(self, request: Request) -> None:
        # Copies of the namespaces: only what changed is looked at (is it code?) when checked.
        self.kept = tuple((label, ns, dict(ns), is_class) for label, ns, is_class in code_namespaces())
        #: The judge's own files, and the modules they define: code of theirs put in place as
        #: the scenario runs (a recording Process.start, say) replaces nothing of the student's.
        #: The request's scenario and prepare name theirs (a child that did not inherit the
        #: scenarios' module loads it only when the scenario is called).
        self.modules = {
            name
            for name, module in list(sys.modules.items())
            if name.partition(".")[0] == "katakit" or getattr(module, FILE_MODULE, False)
        }
        self.files = {getattr(sys.modules[name], "__file__", None) for name in self.modules}
        for function in (request.scenario, request.prepare):
            while _TYPE(function) is _PARTIAL:
                function = function.func
            if _TYPE(function) is ByFile:
                self.modules.add(function.module)
                self.files.add(function.path)

    def replaced(self) -> list[str]:
        """What student code replaced, removed, or (in a class) added, by qualified name. (Only
        functions taken when this module was imported run here: student code may have replaced
        any other.)"""
        found = []
        for label, namespace, before, is_class in self.kept:
            if len(namespace) == len(before) and _ALL(_MAP(_IS, namespace.values(), before.values())):
                continue  # unchanged, seen at C speed (by identity: == would ask the objects)
            original = _ORIGINALS.get(label, {})
            for key, value in before.items():
                now = namespace.get(key, Guard)
                if (
                    now is not value
                    and code_like(value)
                    and now is not original.get(key)
                    and not self.judges(now)
                ):
                    found.append(f"{label}.{key}")
            if is_class:
                found.extend(
                    f"{label}.{key}"
                    for key, value in namespace.items()
                    if key not in before and code_like(value) and not self.judges(value)
                )
        return found

    def judges(self, value: Any) -> bool:
        """Whether `value` is the judge's code: a function of one of its files (also as a method,
        a partial or a property), or a class of one of its modules."""
        kind = _TYPE(value)
        if kind in _WRAPPERS:
            return self.judges(value.__func__)
        if kind is _PARTIAL:
            return self.judges(value.func)
        if kind is _PROPERTY:
            return self.judges(value.fget)
        if kind is _FUNCTION:
            filename = value.__code__.co_filename
            return filename in self.files or filename.startswith(_KATAKIT)
        if _ISINSTANCE(value, type):
            return _TYPE_DICT(value).get("__module__") in self.modules
        return False


def _frames_of(frame: types.FrameType | None) -> tuple[Frame, ...]:
    return tuple(
        Frame(fs.filename, fs.lineno or 0, fs.name, (fs.line or "").strip())
        for fs in traceback.extract_stack(frame)
    )


def _failure(exc: BaseException, thread_name: str) -> Failure:
    summary = traceback.extract_tb(exc.__traceback__)
    frames = tuple(
        Frame(fs.filename, fs.lineno or 0, fs.name, (fs.line or "").strip()) for fs in summary
    )
    text = "".join(traceback.format_exception(exc))
    return Failure(type(exc).__name__, message_of(exc), frames, text, thread_name)


def message_of(exc: BaseException) -> str:
    """What `exc` says. A teaching message raised in the child (a kata's Rendered text) crosses as
    itself, so the parent can give it in every language (str() would keep only the language it
    was made in), unless what it was made of cannot cross."""
    if len(exc.args) == 1 and i18n.knows_translations(exc.args[0]):
        try:
            pickle.dumps(exc.args[0])
        except Exception:  # an argument of the message that does not pickle
            return str(exc)
        return exc.args[0]
    return str(exc)


def thread_stacks(
    main_frame: types.FrameType | None = None, threads: list[threading.Thread] | None = None
) -> list[ThreadStack]:
    """Where each of `threads` is now (default: every live thread, the main thread first)."""
    frames = sys._current_frames()
    stacks = []
    for thread in threading.enumerate() if threads is None else threads:
        frame = frames.get(thread.ident)
        if thread is threading.main_thread() and main_frame is not None:
            frame = main_frame
        if frame is not None:
            stacks.append(ThreadStack(thread.name, _frames_of(frame)))
    return stacks


def _redirect_output(stdout: InheritedFd, stderr: InheritedFd) -> None:
    for fd, target in ((1, stdout), (2, stderr)):
        os.dup2(target.fd, fd)
    sys.stdout = open(1, "w", buffering=1, closefd=False)
    sys.stderr = open(2, "w", buffering=1, closefd=False)


def steps() -> list[tuple[str, str, str]]:
    """The student's last steps the bubble kept, as (thread, what, where); none without one."""
    if bubble.BUBBLE is None:
        return []
    return [(step.thread, step.text, step.site) for step in bubble.BUBBLE.shown_steps()]


def _leftovers() -> tuple[list[ThreadStack], list[str]]:
    """Threads and processes the student's code left running (the processes once they have had
    ENDING seconds to end by themselves); the processes are killed."""
    main = threading.main_thread()
    left = [t for t in threading.enumerate() if t is not main and not processes.feeds_a_queue(t)]
    threads = thread_stacks(threads=left)
    left_processes = []
    children = multiprocessing.active_children()
    if children and bubble.BUBBLE is None:
        _let_end(children, timing.seconds(ENDING))
    for process in multiprocessing.active_children():
        left_processes.append(f"{process.name} (pid {process.pid})")
        process.kill()
        process.join()
    return threads, left_processes


def _let_end(children: list, seconds: float) -> None:
    """Wait until every process of `children` has ended, at most `seconds` in all."""
    end = bubble.REAL_MONOTONIC() + seconds
    for process in children:
        process.join(max(0.0, end - bubble.REAL_MONOTONIC()))


def report_progress(channel: _Channel) -> None:
    """Tell the parent, each time a process is started, joined or a queue read in this process,
    that the code moves on: a process scenario's deadline counts from its last progress, so
    children that start slowly on a busy machine are not taken for stuck code. (Processes
    forked from this one inherit the patches, but only this process reports.)"""
    me = os.getpid()

    def progress() -> None:
        if os.getpid() == me:
            channel.send("progress")

    def after(cls, name: str) -> None:
        original = getattr(cls, name)

        @functools.wraps(original)
        def reporting(self, *args, **kwargs):
            try:
                return original(self, *args, **kwargs)
            finally:
                progress()

        setattr(cls, name, reporting)

    from multiprocessing import process, queues

    for cls, name in (
        (process.BaseProcess, "start"),
        (process.BaseProcess, "join"),
        (queues.Queue, "get"),
        (queues.SimpleQueue, "get"),
    ):
        after(cls, name)


def report_resources(channel: _Channel) -> None:
    """Tell the parent the name of each semaphore and shared memory block this process registers
    with multiprocessing's resource tracker: the parent kills the tracker with the rest of the
    group, before it could remove them, so the parent removes them itself (see
    `katakit.judge.launch.unlink`). A kept Queue of a spawn or forkserver context left three
    files in /dev/shm for each run of kata 01 before."""
    from multiprocessing import resource_tracker

    me = os.getpid()
    register = resource_tracker.register

    def registering(name: str, rtype: str) -> None:
        if os.getpid() == me:
            channel.send("resource", name, rtype)
        register(name, rtype)

    resource_tracker.register = registering


def close_inherited_reader(conn, request: Request) -> None:
    """Close the read end of the judge's pipe if this child holds it (a fork of the pytest
    process does: the same pipe as `conn`, by inode): else the student's code could read the
    run's token off a message. A child spawned, or forked by a server, holds no such end."""
    if request.reader is None or os.getppid() != request.reader[0]:
        return
    fd = request.reader[1]
    try:
        same = fd != conn.fileno() and os.fstat(fd).st_ino == os.fstat(conn.fileno()).st_ino
    except OSError:  # no such descriptor here
        return
    if same:
        os.close(fd)


def unwatched(look: Callable[[], Any]) -> Any:
    """``look()`` with no profile function in this thread: the bubble's (before 3.12) is called on
    every call, C functions' too, and made the guard's look at some 6 700 names take longer
    than a scenario."""
    profile = _GETPROFILE()
    _SETPROFILE(None)
    try:
        return look()
    finally:
        _SETPROFILE(profile)


def report_replaced(channel: _Channel, guard: Guard | None) -> None:
    """If student code has replaced code the child runs, say so to the parent, which fails the
    test as forged, and end the child: nothing it would report after can be trusted. (No guard:
    no check.)"""
    replaced = unwatched(guard.replaced) if guard is not None else []
    if replaced:
        shown = ", ".join(replaced[:5]) + (", ..." if len(replaced) > 5 else "")
        channel.send("forged", texts.REPLACED.format(names=shown))
        _EXIT(STUCK_EXIT)


def main(conn, request: Request) -> None:
    """Run `request.scenario` and report to the parent through `conn`. The judge child's target."""
    # The process object kept them as its arguments: student code could read the run's token there.
    me = multiprocessing.current_process()
    me._args, me._kwargs = (), {}
    close_inherited_reader(conn, request)
    os.setpgid(0, 0)
    for name in [name for name in os.environ if name not in request.environ]:
        del os.environ[name]
    for name, value in request.environ.items():
        if os.environ.get(name) != value:
            os.environ[name] = value
    if os.environ.get(SWITCH_ENV):
        sys.setswitchinterval(float(os.environ[SWITCH_ENV]))
    # The platform's default start method, as `python worker.py` has it: a child that spawn or
    # a fork server made would otherwise keep theirs for the processes the student's code starts.
    # A fork server the student's code starts imports, once, what each process it forks would
    # import to unpickle a recording context's process (besides __main__, its default).
    multiprocessing.set_start_method(None, force=True)
    multiprocessing.set_forkserver_preload(["__main__", "katakit.instruments.processes"])
    channel = _Channel(conn, request.token)
    report_resources(channel)
    _redirect_output(request.stdout, request.stderr)

    def report_stacks(signum, frame):
        channel.send("steps", steps())
        channel.send("stuck", thread_stacks(frame))
        os._exit(STUCK_EXIT)

    def report_thread_failure(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        channel.send("steps", steps())
        channel.send("thread-error", _failure(args.exc_value, name))

    signal.signal(signal.SIGUSR1, report_stacks)
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGALRM):
        signal.signal(signum, signal.SIG_DFL)
    threading.excepthook = report_thread_failure
    # A blank __main__, so that processes the student's code spawns do not re-run pytest's script.
    blank = types.ModuleType("__main__")
    sys.modules["__main__"] = sys.modules["__mp_main__"] = blank
    sys.path.insert(0, request.module_dir)
    # In a bubble every clock is virtual: scaling a scenario's waits would only move them against
    # the student's own, unscaled, timeouts (and change verdicts with the scale).
    timing.SCALE = request.scale if request.bubble is None else 1.0

    def stuck(kind: str, report: str) -> None:
        channel.send("steps", steps())
        channel.send(kind, report)
        os._exit(STUCK_EXIT)

    student = Path(request.module_dir) / f"{request.module_name}.py"
    if request.bubble is not None:
        bubble.install(student, stuck, *request.bubble).test = threading.current_thread()
    else:
        report_progress(channel)
        processes.watch_queues(str(student), stuck)
    channel.send("ready")  # the scenario's deadline starts now, whatever the start-up cost
    # Temporary files go in TMPDIR, the judge's folder: those of Python (reset from a forked
    # parent's) and multiprocessing's, which a process would otherwise carry from its parent.
    tempfile.tempdir = None
    multiprocessing.process.current_process()._config.pop("tempdir", None)
    confine.become_student()  # in a graded run, student code never runs under the judge's uid

    try:
        if request.prepare is not None:
            request.prepare()
        guard = unwatched(lambda: Guard(request)) if request.guard else None
        module = importlib.import_module(request.module_name)
    except BaseException as exc:
        channel.send("import-error", _failure(exc, threading.current_thread().name))
        return
    channel.send("imported")
    if request.switching is not None:
        bubble.switch_threads(request.switching)
    try:
        value = request.scenario(module, *request.args, **request.kwargs)
    except BaseException as exc:
        report_replaced(channel, guard)
        channel.send("steps", steps())
        channel.send("error", _failure(exc, threading.current_thread().name))
    else:
        report_replaced(channel, guard)
        channel.send("steps", steps())
        channel.send("result", value)
    if bubble.BUBBLE:
        bubble.BUBBLE.let_others_wait()
    if bubble.BUBBLE is None:
        channel.send("progress")  # the deadline starts again for the processes left to end
    threads, left_processes = _leftovers()
    deadlocked = bubble.BUBBLE.stuck_for_good() if bubble.BUBBLE and threads else ""
    report_replaced(channel, guard)
    channel.send("leftovers", threads, left_processes, deadlocked)
    sys.stdout.flush()
    sys.stderr.flush()
