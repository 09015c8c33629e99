"""Starting a judge's child and collecting what it reports, in the pytest process.

`run_child` starts a disposable child (see `katakit.judge.child`) with a `Request`, reads its
messages until it reports its leftovers, fails, passes its deadline or goes silent, then kills
it together with every process it started, and echoes what it printed into pytest's capture.

How children start: ``fork`` where it is safe (Linux, and the pytest process has a single OS
thread), else a ``forkserver`` that has preloaded pytest and the judge's child side, so that
each child costs a fork and not an interpreter start-up. The figures behind that choice are in
``benchmarks/judge_cost.py``.
"""

from __future__ import annotations

import atexit
import dataclasses
import io
import multiprocessing
import os
import pickle
import select
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PosixPath, PurePosixPath, PureWindowsPath
from typing import Any

from katakit import confine, instruments
from katakit.deadlines import GRACE
from katakit.judge import child, texts
from katakit.judge.child import InheritedFd, Request

#: What a fork server preloads: pytest itself (each child otherwise re-imports it while
#: re-running pytest's script), the child's side and the instruments scenarios use (the
#: package imports each only when asked).
PRELOAD = ["pytest", "katakit.judge.child", *instruments.MODULES, "katakit.instruments.processes"]


def os_threads() -> int:
    """The OS threads of this process: /proc/self/task on Linux, else the Python threads.

    Not `threading.active_count()`, which misses threads Python did not start, such as
    pytest-xdist's (execnet's) I/O thread: forking there draws 3.12's "use of fork() may lead
    to deadlocks" warning.
    """
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        import threading

        return threading.active_count()


def choose_start_method(requested: str = "auto") -> str:
    """``fork`` where it is safe, else ``forkserver``; an explicit choice is kept.

    Forking is safe on Linux in a process with one thread that has not started a fork server:
    a forked child would inherit that server's bookkeeping, and a student's own forkserver
    processes would then fail to start in it.
    """
    if requested != "auto":
        return requested
    if sys.platform == "linux" and os_threads() == 1 and "forkserver" not in _contexts:
        return "fork"
    return "forkserver"


_contexts: dict[str, multiprocessing.context.BaseContext] = {}


def context_for(method: str) -> multiprocessing.context.BaseContext:
    """The multiprocessing context for judge children; a fork server preloads what they import."""
    if method not in _contexts:
        ctx = multiprocessing.get_context(method)
        if method == "forkserver":
            ctx.set_forkserver_preload(PRELOAD)
            atexit.register(stop_servers)
        _contexts[method] = ctx
    return _contexts[method]


def stop_servers() -> None:
    """Stop the fork server and resource tracker the judge started, and wait until they exit.

    Both would exit by themselves once this process has gone, but a moment later: stopping them
    at exit means no process of the run outlives the session. (`_stop` is what CPython's own tests
    use for this; there is no public way.)
    """
    if "forkserver" not in _contexts:
        return
    from multiprocessing import forkserver, resource_tracker

    for server in (forkserver._forkserver, resource_tracker._resource_tracker):
        stop = getattr(server, "_stop", None)
        if stop is not None:
            stop()
    del _contexts["forkserver"]


class NotPlain(pickle.UnpicklingError):
    """A child's message names something `allowed_globals` does not: its text says what."""


def catalogue_text(cls: type) -> Any:
    """`cls` (a text of a catalogue, `katakit.i18n`), made only from a catalogue this process
    trusts: one of katakit's own, or one of the katas it judges (`i18n.KATA_CATALOGUES`). The
    parent reads the file it names and formats its template: a template of the student's (a
    .toml the student's code wrote in /tmp, say) could reach any object from its arguments."""

    def made(base: Any, *args: Any) -> Any:
        from katakit import i18n

        path = Path(base).resolve()
        known = path in KATAKIT_CATALOGUES or path in i18n.KATA_CATALOGUES
        if not known or args[-1] not in i18n.LANGUAGES:
            raise NotPlain(texts.NOT_PLAIN.format(name=f"{cls.__name__}({path}, {args[-1]!r})"))
        return cls(path, *args)

    return made


#: The catalogues of katakit's own texts that a child's message may name: the judge's and the
#: command's (the instruments' messages are the judge's).
KATAKIT_CATALOGUES = frozenset(
    (Path(child.__file__).resolve().parent.parent / folder / "texts.toml") for folder in ("judge", "cli")
)


def allowed_globals() -> dict[tuple[str, str], Any]:
    """Everything a child's message may name, by (module, name): the judge's own records, the
    texts of its catalogues and paths (what a full run of the repo's tests, kept files included,
    was seen to send). Everything else (builtins.eval, say, which a str subclass of the
    student's can name in its __reduce__; or range, whose Counter(range(10**12)) would hold
    pytest) is refused."""
    from katakit import i18n

    found: dict[tuple[str, str], Any] = {
        ("katakit.judge.child", cls.__name__): cls
        for cls in (child.Frame, child.ThreadStack, child.Failure)
    }
    found.update({("katakit.i18n", c.__name__): catalogue_text(c) for c in (i18n.Text, i18n.Rendered)})
    found[("katakit.i18n", "Lines")] = i18n.Lines
    # Where pickle finds them: pathlib on 3.12 and before, pathlib._local from 3.13.
    for path in (PurePosixPath, PosixPath, PureWindowsPath):
        found[(path.__module__, path.__name__)] = found[("pathlib", path.__name__)] = path
    return found


class SafeUnpickler(pickle._Unpickler):
    """Takes only what `allowed_globals` names, so that unpickling what a child sent never runs
    code here: not the student's module, nor any function a pickled object names. The state it
    sets on an object (pickle's BUILD) only goes to the judge's own records: on a class (say,
    Frame.__eq__) or on a text (its catalogue) it would change what the parent runs or
    reads. Python's unpickler, not C's: only its steps can be changed, and the messages are
    small."""

    dispatch = dict(pickle._Unpickler.dispatch)

    def __init__(self, data: bytes, forbidden: str) -> None:
        super().__init__(io.BytesIO(data))
        self.forbidden = forbidden

    def load_build(self) -> None:
        target = self.stack[-2]
        if type(target) not in RECORDS:
            raise NotPlain(texts.NOT_PLAIN.format(name=f"state set on {type(target).__name__}"))
        super().load_build()

    dispatch[pickle.BUILD[0]] = load_build

    def find_class(self, module: str, name: str) -> Any:
        if module == self.forbidden or module.startswith(self.forbidden + "."):
            raise NotPlain(texts.TOUCHED_STUDENT_CLASS.format(name=f"{module}.{name}"))
        try:
            return ALLOWED[(module, name)]
        except KeyError:
            raise NotPlain(texts.NOT_PLAIN.format(name=f"{module}.{name}")) from None


ALLOWED = allowed_globals()
#: Bytes of the longest message taken from a child (the steps of a long run, say, are far
#: shorter); a longer one is taken for forged.
MESSAGE_BYTES = 16 * 1024**2
#: The judge's records, the only objects a message may set state on (see `SafeUnpickler`).
RECORDS = (child.Frame, child.ThreadStack, child.Failure)

#: Messages after which a child reports nothing more: it is stuck, or a thread raised.
TERMINAL = ("stuck", "thread-error", "deadlock", "spin", "poll", "blocked", "starved")


@dataclass(frozen=True)
class Collected:
    """What a child reported, in order, and its exit code (None when it was stopped)."""

    messages: list[tuple]
    exitcode: int | None


def run_child(
    make_request, start_method: str, seconds: float, start_limit: float, forbidden: str
) -> Collected:
    """Run one child: ``make_request(stdout, stderr, scratch)`` gives its `Request` for the two
    output files and the folder for its temporary files; `seconds` bound the scenario from the
    moment the child is ready, `start_limit` its start. Nothing the child started is left when
    this returns, nor the temporary files it made."""
    ctx = context_for(choose_start_method(start_method))
    # The child is killed, so what it would remove at exit stays: its temporary files (say, the
    # folder of a fork server's socket) go in a folder of ours, removed with it.
    with (
        confine.scratch() as scratch,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        request: Request = make_request(
            InheritedFd(out.fileno()), InheritedFd(err.fileno()), str(scratch)
        )
        reader, writer = ctx.Pipe(duplex=False)
        # A forked child inherits the pipe's read end too: it closes it at once (see
        # `child.close_inherited_reader`), or the student's code could read the token off it.
        request = dataclasses.replace(request, reader=(os.getpid(), reader.fileno()))
        process = ctx.Process(target=child.main, args=(writer, request), name="kata-judge")
        process.start()
        writer.close()
        resources: list[tuple[str, str]] = []
        try:
            collected = collect(
                reader, process, seconds, start_limit, forbidden, request.token, resources
            )
        finally:
            kill_group(process)
            unlink(resources)
            reader.close()
            echo(out, sys.stdout)
            echo(err, sys.stderr)
    return collected


def collect(
    reader,
    process,
    seconds: float,
    start_limit: float,
    forbidden: str,
    token: bytes,
    resources: list[tuple[str, str]],
) -> Collected:
    """Messages from the child until it reports leftovers, fails, is stuck, or goes silent; or
    until something arrives that does not begin with the run's `token` (the student's code wrote
    on the judge's pipe) or that names what the judge does not take (`NotPlain`): a ("forged",
    text) message ends the list. The (name, type) of each resource the child registers goes to
    `resources`."""
    messages: list[tuple] = []
    end = time.monotonic() + start_limit
    asked_for_stacks = False
    while True:
        if not reader.poll(max(0.0, end - time.monotonic())):
            if asked_for_stacks:
                return Collected(messages, None)
            asked_for_stacks = True
            messages.append(("timeout",))
            send_signal(process, signal.SIGUSR1)
            end = time.monotonic() + GRACE
            continue
        try:
            data = reader.recv_bytes(MESSAGE_BYTES)
        except EOFError:
            wait_for_exit(process, GRACE)
            return Collected(messages, process.exitcode)
        except OSError:  # longer than any of the judge's messages
            return Collected([*messages, ("forged", texts.FORGED)], None)
        if not data.startswith(token):
            return Collected([*messages, ("forged", texts.FORGED)], None)
        try:
            message = SafeUnpickler(data[len(token):], forbidden).load()
        except NotPlain as refused:
            return Collected([*messages, ("forged", str(refused))], None)
        except Exception as broken:  # the token is right: the student's code wrote in its place
            name = f"{type(broken).__name__}: {broken}"
            return Collected([*messages, ("forged", texts.NOT_PLAIN.format(name=name))], None)
        if not isinstance(message, tuple) or not message or not isinstance(message[0], str):
            return Collected([*messages, ("forged", texts.FORGED)], None)
        if message[0] == "progress":  # the code moves on: its deadline starts again
            end = time.monotonic() + seconds
            continue
        if message[0] == "resource":
            if len(message) == 3 and all(isinstance(part, str) for part in message[1:]):
                resources.append(message[1:])
            continue
        messages.append(message)
        if message[0] == "ready":
            end = time.monotonic() + seconds
        if message[0] in TERMINAL:
            return Collected(messages, None)
        if message[0] in ("leftovers", "import-error"):
            if measured():
                # Let the child exit by itself, so that the coverage data it writes at exit is
                # not lost; the group is killed right after in any case.
                wait_for_exit(process, GRACE)
            return Collected(messages, process.exitcode)


#: What multiprocessing names its semaphores and shared memory blocks with: only those are
#: removed.
RESOURCE_PREFIXES = {"semaphore": "/mp-", "shared_memory": "/psm_"}


def unlink(resources: list[tuple[str, str]]) -> None:
    """Remove the named semaphores and shared memory blocks of `resources`, those the child's
    resource tracker would have removed had it not been killed (files in /dev/shm on Linux);
    those already gone are passed over."""
    for name, rtype in resources:
        prefix = RESOURCE_PREFIXES.get(rtype)
        if prefix is None or not name.startswith(prefix):
            continue
        try:
            if rtype == "semaphore":
                import _multiprocessing

                _multiprocessing.sem_unlink(name)
            else:
                import _posixshmem

                _posixshmem.shm_unlink(name)
        except (OSError, ImportError):
            pass


def measured() -> bool:
    """Whether coverage may be measuring the judge's children: this process runs under it (its
    children are forked or forkserver's, patched alike), or it starts in every new process."""
    return "coverage" in sys.modules or "COVERAGE_PROCESS_START" in os.environ


def send_signal(process, signum: int) -> None:
    try:
        os.kill(process.pid, signum)
    except ProcessLookupError:
        pass


def wait_for_exit(process, timeout: float) -> None:
    """Wait up to `timeout` seconds for the child itself to exit.

    `Process.join(timeout)` waits on a pipe that any process the child forked also holds open,
    so it would wait for them too; a pidfd (Linux) becomes readable when the child alone exits.
    """
    try:
        pidfd = os.pidfd_open(process.pid)
    except (AttributeError, OSError):  # no pidfd here, or the child is gone already
        process.join(timeout)
        return
    try:
        select.select([pidfd], [], [], timeout)
    finally:
        os.close(pidfd)


def kill_group(process) -> None:
    """Kill the child and every process in its group, reap the child, and wait until the rest of
    the group has finished exiting."""
    for kill in (os.killpg, os.kill):
        try:
            kill(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    process.join()
    confine.end_group(process.pid)


def echo(file, stream) -> None:
    """Copy what the child wrote to `file` onto `stream` (pytest's capture, in a test)."""
    file.seek(0)
    text = file.read().decode(errors="replace")
    if text:
        stream.write(text)
        stream.flush()
