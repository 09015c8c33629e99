"""The judge's parent side: student code never runs in the pytest process.

`Judge.run(scenario, *args)` starts a disposable child (see `katakit.child`), which imports the
student's module and returns ``scenario(module, *args)``. The test asserts on that value in the
pytest process. Whatever goes wrong in the child becomes a failed test with a message a student
can act on:

- the child passes its deadline: it is asked where its threads are, then killed together with
  every process it started; the test fails as *stuck* and shows each thread's place in the
  student's file;
- the student's code raises (in any thread): the test fails with the exception and its place,
  and a stub's ``NotImplementedError`` points at the TODO;
- the child exits without reporting (``os._exit``, ``sys.exit`` in a child, a crash): the test
  fails and says so;
- the student's code leaves threads or processes running: recorded in `Judge.leftovers`, which
  the plugin turns into a failure once the test's own assertions have passed.

How children start: ``fork`` where it is safe (Linux, and the pytest process has a single
thread), else a ``forkserver`` that has preloaded pytest and this package, so that each child
costs a fork and not an interpreter start-up. The figures behind that choice are in
``benchmarks/judge_cost.py``.
"""

from __future__ import annotations

import ast
import atexit
import io
import multiprocessing
import os
import pickle
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from katakit import child
from katakit.child import Failure, Frame, Request, ThreadStack

#: Seconds a scenario may take before it is judged stuck, before scaling.
DEFAULT_DEADLINE = 2.0
#: Seconds a stuck child gets to report its stacks, and an exited one to release its processes.
GRACE = 1.0
#: Seconds the judge's child may take to start, before scaling. A scenario's deadline counts
#: from the moment its child is ready, so a slow start (``spawn`` on a busy machine) is never
#: blamed on the student's code; only a machine far too busy for the katas reaches this.
START_LIMIT = 30.0

STUCK = (
    "{what} did not finish within {deadline:.1f} s: it looks stuck.\n"
    "{hint}\n"
    "Where each thread was when the judge stopped it:\n{stacks}"
)
STUCK_AT_IMPORT = (
    "Importing {module}.py did not finish within {deadline:.1f} s: something at the top level "
    "of the file never returns (a loop, a join, a wait, or a call to main() outside "
    "`if __name__ == \"__main__\":`). Every test of this kata fails until it imports.\n"
    "Where each thread was when the judge stopped it:\n{stacks}"
)
SLOW_START = (
    "The judge's child process did not start within {limit:.1f} s, so your code was not run: "
    "the machine is too busy for the katas' deadlines. Run the tests again, or raise "
    "KATA_TIMEOUT_SCALE (see the README)."
)
STUCK_NO_STACKS = "(the code did not answer the request for its stacks: busy in C code?)"
NOT_IMPLEMENTED = (
    "{function}() is not written yet: {where} still raises NotImplementedError.\n"
    "Complete the TODO there (see the kata's README.md)."
)
RAISED = "{thread} raised {type_name}: {message}\n{where}{hint}\n\n{traceback}"
IMPORT_FAILED = (
    "{module}.py could not be imported: {type_name}: {message}\n{where}\n"
    "Fix this first: no test of this kata can run until the file imports.\n\n{traceback}"
)
SILENT_EXIT = (
    "The process running your code exited (exit code {code}) without reporting back.\n"
    "Does your code call sys.exit() or os._exit(), or crash the interpreter? "
    "Code under test must return normally."
)
LEFTOVER_THREADS = (
    "Your code left {count} thread(s) running after it returned:\n{stacks}\n"
    "Every thread you start must finish: join() it, and make sure nothing it waits for is "
    "missing."
)
LEFTOVER_PROCESSES = (
    "Your code left {count} process(es) running after it returned: {names}.\n"
    "join() every process you start before returning."
)
SCRIPT_STUCK = (
    "`python {file}` did not finish within {deadline:.1f} s: it looks stuck.\n{hint}"
    "Where each thread was when the judge stopped it (Python's faulthandler):\n{stderr}"
)
SCRIPT_NOT_WRITTEN = (
    "`python {file}` failed with NotImplementedError: complete the TODOs in {file} first.\n{stderr}"
)
SCRIPT_FAILED = "`python {file}` exited with code {code}:\n{stderr}"
API_MISSING = "{file} does not define {names}: keep the names the kata's README gives."
SCRIPT_RAN_NOTHING = (
    "`python {file}` ended without calling any function of {file}: the demo under "
    "`if __name__ == \"__main__\":` should run your code."
)
#: Seconds a kata's demo script may take: an interpreter starts, then the demo runs.
SCRIPT_DEADLINE = 8.0
TOUCHED_STUDENT_CLASS = (
    "Judge error: the scenario returned an object of the student's module ({name}); "
    "scenarios must return plain values."
)


def parse_scale(value: str | float | None) -> float:
    scale = float(value) if value not in (None, "") else 1.0
    if scale <= 0:
        raise ValueError(f"the deadline scale must be positive, got {value!r}")
    return scale


@dataclass
class Target:
    """Which student module a judge runs: its plain name and the folder it is imported from."""

    module_name: str
    module_dir: Path

    @property
    def path(self) -> Path:
        return self.module_dir / f"{self.module_name}.py"


class _SafeUnpickler(pickle.Unpickler):
    """Refuses the student's module, so that unpickling a result never runs student code here."""

    def __init__(self, data: bytes, forbidden: str) -> None:
        super().__init__(io.BytesIO(data))
        self.forbidden = forbidden

    def find_class(self, module: str, name: str) -> Any:
        if module == self.forbidden or module.startswith(self.forbidden + "."):
            raise pickle.UnpicklingError(TOUCHED_STUDENT_CLASS.format(name=f"{module}.{name}"))
        return super().find_class(module, name)


def choose_start_method(requested: str = "auto") -> str:
    """``fork`` where it is safe, else ``forkserver``; an explicit choice is kept.

    Forking is safe on Linux in a process with one thread that has not started a fork server:
    a forked child would inherit that server's bookkeeping, and a student's own forkserver
    processes would then fail to start in it.
    """
    if requested != "auto":
        return requested
    if sys.platform == "linux" and threading.active_count() == 1 and "forkserver" not in _contexts:
        return "fork"
    return "forkserver"


_contexts: dict[str, multiprocessing.context.BaseContext] = {}


def context_for(method: str) -> multiprocessing.context.BaseContext:
    """The multiprocessing context for judge children; a fork server preloads what they import."""
    if method not in _contexts:
        ctx = multiprocessing.get_context(method)
        if method == "forkserver":
            # pytest itself: each child otherwise re-imports it while re-running pytest's script.
            ctx.set_forkserver_preload(["pytest", "katakit.child", "katakit.helpers"])
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


@dataclass
class Judge:
    """Runs scenarios against one student module; one per test (see the ``judge`` fixture)."""

    target: Target
    scale: float = 1.0
    start_method: str = "auto"
    leftovers: list[str] = field(default_factory=list)
    #: How the last run failed: "stuck", "raised", "not-written", "import-error", "silent-exit",
    #: "slow-start" (the child did not start: the machine, not the code).
    failure_kind: str | None = None
    #: Shared by the judges of one session: a module that hangs at import is judged once.
    session: dict[str, str] = field(default_factory=dict)

    def deadline(self, seconds: float = DEFAULT_DEADLINE) -> float:
        """`seconds` scaled by the deadline scale setting."""
        return seconds * self.scale

    def run(
        self,
        scenario: Callable[..., Any],
        *args: Any,
        deadline: float = DEFAULT_DEADLINE,
        stuck: str = "",
        what: str = "Your code",
        hints: dict[str, str] | None = None,
        prepare: Callable[[], Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """Return ``scenario(module, *args, **kwargs)`` run in a child, or fail the test.

        `deadline` (seconds, scaled) bounds the whole scenario; `stuck` is the likely cause
        shown when it is passed; `what` names what got stuck. `hints` maps a regular
        expression to a lesson: when the student's code raises an exception whose
        ``"Type: message"`` matches it, the failure adds that lesson. `prepare` (a module-level
        function) runs in the child before the student's module is imported.
        """
        import pytest

        if "stuck-import" in self.session:
            self.failure_kind = "stuck"
            pytest.fail(self.session["stuck-import"], pytrace=False)
        seconds = self.deadline(deadline)
        ctx = context_for(choose_start_method(self.start_method))
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            request = Request(
                scenario,
                self.target.module_name,
                str(self.target.module_dir),
                child.InheritedFd(out.fileno()),
                child.InheritedFd(err.fileno()),
                args,
                kwargs,
                self.scale,
                prepare,
            )
            reader, writer = ctx.Pipe(duplex=False)
            process = ctx.Process(target=child.main, args=(writer, request), name="kata-judge")
            process.start()
            writer.close()
            try:
                messages, exitcode = self._collect(reader, process, seconds)
            finally:
                _kill_group(process)
                reader.close()
                _echo(out, sys.stdout)
                _echo(err, sys.stderr)
        verdict = self._verdict(messages, exitcode, seconds, stuck, what, hints or {})
        if isinstance(verdict, tuple):
            self.failure_kind, text = verdict
            pytest.fail(text, pytrace=False)
        return verdict.value

    def has_demo(self) -> bool:
        """Whether the student's file has a top-level ``if __name__ == "__main__":`` block.

        Read as text, never run; a file that does not parse counts as having one, so that its
        script run shows the error.
        """
        try:
            tree = ast.parse(self.target.path.read_text(encoding="utf-8"))
        except SyntaxError:
            return True
        return any(
            isinstance(node, ast.If) and "__main__" in ast.unparse(node.test) for node in tree.body
        )

    def run_script(
        self,
        *args: str,
        start_method: str | None = None,
        deadline: float = DEFAULT_DEADLINE,
        stuck: str = "",
        hints: dict[str, str] | None = None,
    ) -> ScriptRun:
        """Run the student's file as a script, as ``python FILE`` would; fail unless it exits 0.

        The script runs in a new process group. It ends when the script and every process it
        started have closed their output, or as soon as a line of its stderr matches a pattern
        of `hints`: the test then fails with that lesson. Past its deadline the script is asked
        for its stacks (faulthandler on SIGABRT) and killed with every process it started, and
        the test fails as stuck, with the `stuck` hint.
        """
        import pytest

        hints = hints or {}
        calls = Path(tempfile.mkdtemp(prefix="kata-script-")) / "calls"
        command = [sys.executable, "-X", "faulthandler", "-m", "katakit.runscript"]
        command += [f"--calls-file={calls}"]
        if start_method:
            command += ["--start-method", start_method]
        command += [str(self.target.path), *args]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            cwd=self.target.module_dir,
        )
        stdout: list[str] = []
        stderr: list[str] = []
        finished = threading.Event()
        lessons: list[str] = []

        def pump(stream, lines: list[str], watch: bool) -> None:
            for line in stream:
                lines.append(line)
                if watch:
                    lessons.extend(text for pattern, text in hints.items() if re.search(pattern, line))
                    if lessons:
                        finished.set()
            if watch:
                finished.set()

        readers = [
            threading.Thread(target=pump, args=(process.stdout, stdout, False), daemon=True),
            threading.Thread(target=pump, args=(process.stderr, stderr, True), daemon=True),
        ]
        for reader in readers:
            reader.start()
        seconds = self.deadline(deadline)
        stuck_now = not finished.wait(seconds)
        if stuck_now:
            process.send_signal(signal.SIGABRT)
            try:
                process.wait(GRACE)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
        for reader in readers:
            reader.join()
        run = ScriptRun(process.returncode, "".join(stdout), "".join(stderr), process.pid)
        ran = calls.read_text() if calls.exists() else "0"
        shutil.rmtree(calls.parent)
        name = self.target.path.name
        if lessons:
            self.failure_kind = "raised"
            pytest.fail(lessons[0], pytrace=False)
        if stuck_now:
            self.failure_kind = "stuck"
            text = SCRIPT_STUCK.format(
                file=name, deadline=seconds, hint=f"{stuck}\n" if stuck else "", stderr=run.stderr
            )
            pytest.fail(text, pytrace=False)
        if "NotImplementedError" in run.stderr:
            self.failure_kind = "not-written"
            pytest.fail(SCRIPT_NOT_WRITTEN.format(file=name, stderr=run.stderr), pytrace=False)
        if run.returncode != 0:
            self.failure_kind = "raised"
            text = SCRIPT_FAILED.format(file=name, code=run.returncode, stderr=run.stderr)
            pytest.fail(text, pytrace=False)
        if ran == "0":
            self.failure_kind = "assertion"
            pytest.fail(SCRIPT_RAN_NOTHING.format(file=name), pytrace=False)
        return run

    def _collect(self, reader, process, seconds: float) -> tuple[list[tuple], int | None]:
        """Messages from the child until it reports leftovers, fails, is stuck, or goes silent."""
        messages: list[tuple] = []
        end = time.monotonic() + self.deadline(START_LIMIT)
        asked_for_stacks = False
        while True:
            if not reader.poll(max(0.0, end - time.monotonic())):
                if asked_for_stacks:
                    return messages, None
                asked_for_stacks = True
                messages.append(("timeout",))
                _signal(process, signal.SIGUSR1)
                end = time.monotonic() + GRACE
                continue
            try:
                message = _SafeUnpickler(reader.recv_bytes(), self.target.module_name).load()
            except EOFError:
                _wait_for_exit(process, GRACE)
                return messages, process.exitcode
            messages.append(message)
            if message[0] == "ready":
                end = time.monotonic() + seconds
            if message[0] in ("stuck", "thread-error"):
                return messages, None
            if message[0] in ("leftovers", "import-error"):
                # Let the child exit by itself, so that what it writes at exit (coverage data)
                # is not lost; the group is killed right after in any case.
                _wait_for_exit(process, GRACE)
                return messages, process.exitcode

    def _verdict(self, messages, exitcode, seconds, hint, what, hints) -> "_Result | tuple[str, str]":
        """The scenario's value, or (failure kind, message)."""
        kinds = {m[0]: m for m in messages}
        module = self.target.module_name
        if "import-error" in kinds:
            failure = kinds["import-error"][1]
            return "import-error", IMPORT_FAILED.format(
                module=module,
                type_name=failure.type_name,
                message=failure.message,
                where=self._where(failure.frames),
                traceback=self._traceback(failure),
            )
        if "thread-error" in kinds:
            return self._raised(kinds["thread-error"][1], hints)
        if "error" in kinds:
            return self._raised(kinds["error"][1], hints)
        if "timeout" in kinds:
            if "ready" not in kinds:
                return "slow-start", SLOW_START.format(limit=self.deadline(START_LIMIT))
            stacks = kinds.get("stuck", (None, []))[1]
            if "imported" not in kinds:
                text = STUCK_AT_IMPORT.format(
                    module=module,
                    deadline=seconds,
                    stacks=self.format_stacks(stacks) if stacks else STUCK_NO_STACKS,
                )
                self.session["stuck-import"] = text
                return "stuck", text
            return "stuck", STUCK.format(
                what=what,
                deadline=seconds,
                hint=hint,
                stacks=self.format_stacks(stacks) if stacks else STUCK_NO_STACKS,
            )
        if "result" not in kinds:
            return "silent-exit", SILENT_EXIT.format(code=exitcode)
        if "leftovers" in kinds:
            _, threads, processes = kinds["leftovers"]
            if threads:
                self.leftovers.append(
                    LEFTOVER_THREADS.format(count=len(threads), stacks=self.format_stacks(threads))
                )
            if processes:
                self.leftovers.append(
                    LEFTOVER_PROCESSES.format(count=len(processes), names=", ".join(processes))
                )
        return _Result(kinds["result"][1])

    def _is_student(self, frame: Frame) -> bool:
        return Path(frame.filename).name == self.target.path.name and Path(
            frame.filename
        ).resolve() == self.target.path.resolve()

    def _where(self, frames: tuple[Frame, ...]) -> str:
        mine = [f for f in frames if self._is_student(f)]
        if not mine:
            return ""
        f = mine[-1]
        return f"  at {Path(f.filename).name}:{f.lineno} in {f.function}(): {f.line}"

    def _traceback(self, failure: Failure) -> str:
        """The traceback without the judge's own frames."""
        lines = ["Traceback (most recent call last):"]
        for f in failure.frames:
            if Path(f.filename).parent == Path(child.__file__).parent:
                continue
            lines.append(f'  File "{f.filename}", line {f.lineno}, in {f.function}')
            if f.line:
                lines.append(f"    {f.line}")
        lines.append(f"{failure.type_name}: {failure.message}".rstrip(": "))
        return "\n".join(lines)

    def _raised(self, failure: Failure, hints: dict[str, str]) -> tuple[str, str]:
        mine = [f for f in failure.frames if self._is_student(f)]
        if failure.type_name == "NotImplementedError" and mine:
            return "not-written", NOT_IMPLEMENTED.format(
                function=mine[-1].function,
                where=f"{Path(mine[-1].filename).name}:{mine[-1].lineno}",
            )
        thread = "Your code" if failure.thread == "MainThread" else f"Thread {failure.thread!r}"
        return "raised", RAISED.format(
            thread=thread,
            type_name=failure.type_name,
            message=failure.message,
            where=self._where(failure.frames),
            hint="".join(
                f"\n{lesson}"
                for pattern, lesson in hints.items()
                if re.search(pattern, f"{failure.type_name}: {failure.message}")
            ),
            traceback=self._traceback(failure),
        )

    def format_stacks(self, stacks: list[ThreadStack]) -> str:
        """One block per thread: its lines in the student's file, innermost first."""
        blocks = []
        for stack in stacks:
            lines = [f"  thread {stack.name!r}:"]
            frames = list(reversed(stack.frames))
            mine = [f for f in frames if self._is_student(f)]
            if frames and not self._is_student(frames[0]):
                inner = frames[0]
                lines.append(
                    f"    waiting in {Path(inner.filename).name}:{inner.lineno} "
                    f"in {inner.function}()"
                )
            for f in mine:
                lines.append(f"    at {Path(f.filename).name}:{f.lineno} in {f.function}(): {f.line}")
            blocks.append("\n".join(lines))
        return "\n".join(blocks)


@dataclass(frozen=True)
class _Result:
    value: Any


@dataclass(frozen=True)
class ScriptRun:
    """What ``python <student file>`` printed, run by `Judge.run_script` as a real subprocess."""

    returncode: int
    stdout: str
    stderr: str
    pid: int


def _signal(process, signum: int) -> None:
    try:
        os.kill(process.pid, signum)
    except ProcessLookupError:
        pass


def _wait_for_exit(process, timeout: float) -> None:
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


def _kill_group(process) -> None:
    """Kill the child and every process in its group, then reap the child."""
    for kill in (os.killpg, os.kill):
        try:
            kill(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    process.join()


def _echo(file, stream) -> None:
    """Copy what the child wrote to `file` onto `stream` (pytest's capture, in a test)."""
    file.seek(0)
    text = file.read().decode(errors="replace")
    if text:
        stream.write(text)
        stream.flush()
