"""Run one kata's tests in a pytest subprocess and read back each test's verdict.

The `kata` command goes through `run_kata`: it runs
``python -m pytest katas/NN_topic --kata-results FILE`` with this repo's own configuration and
returns a `KataRun` built from the JSON the plugin writes (see `katakit.plugin.ResultsWriter`).
The grader goes through `run_confined`, the same run in a `katakit.confine.Sandbox`, whose
results come back in a file that has no name (``--kata-results-fd``), and `collected`, which
counts each kata's tests before any student code runs.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from katakit import confine, i18n
from katakit.catalog import Kata
from katakit.kinds import STUCKS, Kind

#: The only pytest plugins a kata run loads, besides pytest's own: this repo's and
#: pytest-timeout (the backstop the configuration sets). Entry-point autoloading is off in every
#: run, so no other installed plugin can change a verdict (by reordering, rerunning or skipping
#: tests) or slow the run down; `kata stress --xdist` adds pytest-xdist itself.
PLUGINS = ("katakit.plugin", "pytest_timeout")
PLUGIN_OPTIONS = tuple(option for plugin in PLUGINS for option in ("-p", plugin))
NO_AUTOLOAD = {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}

#: The states of a kata, worst first.
STATES = ("error", "stuck", "failing", "passed")


@dataclass(frozen=True)
class TestVerdict:
    name: str
    outcome: str  # "passed", "failed", "skipped" or "error"
    kind: Kind | None  # how it failed
    message: str
    #: The rule the test checks in each language: its docstring, and its translations.
    rules: dict[str, str] = field(default_factory=dict)
    #: How the threads interleaved, for a failed test of a thread kata, in each language.
    interleavings: dict[str, str] = field(default_factory=dict)
    #: The message in each language, where the catalogues could render it so.
    messages: dict[str, str] = field(default_factory=dict)
    #: How long the test's phase that gave the verdict took (its call, or the setup that failed).
    seconds: float = 0.0

    def message_in(self, lang: str) -> str:
        """The message in `lang`, or as it was shown when it cannot be rendered so."""
        return self.messages.get(lang, self.message)

    @property
    def rule(self) -> str:
        """The rule in the current language (English where it has no translation)."""
        return self.rules.get(i18n.language()) or self.rules.get("en", "")

    @property
    def interleaving(self) -> str:
        """How the threads interleaved, in the current language."""
        return self.interleavings.get(i18n.language()) or self.interleavings.get("en", "")

    @classmethod
    def from_json(cls, data: dict) -> TestVerdict:
        """A verdict as the plugin's results file (or the `kata` command's state) holds it."""
        kind = data.get("kind")
        return cls(
            data["name"],
            data["outcome"],
            Kind(kind) if kind else None,
            data["message"],
            data.get("rules") or {},
            data.get("interleavings") or {},
            data.get("messages") or {},
            data.get("seconds", 0.0),
        )


@dataclass(frozen=True)
class KataRun:
    kata: Kata
    tests: tuple[TestVerdict, ...]
    output: str  # what pytest printed

    @property
    def passed(self) -> int:
        return sum(t.outcome == "passed" for t in self.tests)

    @property
    def state(self) -> str:
        """"passed", "failing", "stuck" (some test got stuck) or "error" (nothing ran)."""
        if not self.tests or any(t.outcome == "error" for t in self.tests):
            return "error"
        if any(t.kind in STUCKS for t in self.tests):
            return "stuck"
        return "passed" if self.passed == len(self.tests) else "failing"


#: The `root` of `run_kata` that judges the reference solutions.
SOLUTIONS = "solutions"


def pytest_command(
    kata: Kata | list[Kata],
    results: Path | int | None,
    root: Path | str | None,
    extra: tuple[str, ...],
) -> list[str]:
    """The pytest command that judges `kata` (or each of a list of katas of one workspace)
    against its student's file (`root` None), its solution (`root` SOLUTIONS), the versions of
    a batch file (`root` ``("batch", FILE)``) or ``root/NN_topic/<module>.py``, writing its
    results to the file `results` (a path, or an open file descriptor; None: nowhere)."""
    katas = kata if isinstance(kata, list) else [kata]
    workspace = katas[0].workspace
    if results is None:
        results_option = []
    elif isinstance(results, int):
        results_option = [f"--kata-results-fd={results}"]
    else:
        # pytest's temporary folders go beside the results, in the caller's own temporary
        # folder: under pytest-xdist a run otherwise takes a numbered folder of the shared
        # pytest-of-<user> and deletes the oldest, which took 150 s here when that was a run of
        # the repo's tests.
        basetemp = Path(results).parent / "tmp"
        results_option = [f"--kata-results={results}", f"--basetemp={basetemp}"]
    command = [
        sys.executable,
        "-m",
        "pytest",
        *(str(k.path) for k in katas),
        *results_option,
        f"--rootdir={workspace.root}",
        f"--config-file={workspace.config}",
        "-p",
        "no:cacheprovider",
        *PLUGIN_OPTIONS,
    ]
    if root == SOLUTIONS:
        command.append("--solutions")
    elif isinstance(root, tuple):
        command.append(f"--kata-batch={root[1]}")
    elif root is not None:
        command.append(f"--kata-root={root}")
    return command + list(extra)


#: What a caller is told while a run goes on: (tests done, tests collected).
Progress = Callable[[int, int], None]
#: How often a run's progress is read, in seconds.
PROGRESS_POLL = 0.2


def run_kata(
    kata: Kata,
    root: Path | str | None = None,
    extra: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    progress: Progress | None = None,
    session: bool = False,
) -> KataRun:
    """Judge `kata` against ``root/NN_topic/<module>.py`` (default: the student's file; SOLUTIONS:
    the reference solution); with `session`, in a session of its own (see `run_katas`)."""
    return run_katas([kata], root, extra, env, progress, session)[kata]


def results_data(path: Path) -> dict:
    """The JSON the plugin has written so far (it rewrites it after each test with the count of
    tests "done", and with every test once the session finishes); {} before."""
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        return {}


def results_json(path: Path) -> list[dict]:
    """Each test's entry of the JSON the plugin wrote; none unless the session finished."""
    data = results_data(path)
    return data["tests"] if data.get("exitstatus") is not None else []


def wait(process: subprocess.Popen, results: Path, progress: Progress) -> tuple[str, str]:
    """What `process` printed (standard output, standard error) once it ended; meanwhile
    `progress` hears how far it got every PROGRESS_POLL seconds, and once more at the end."""
    while True:
        try:
            printed = process.communicate(timeout=PROGRESS_POLL)
        except subprocess.TimeoutExpired:
            printed = None
        data = results_data(results)
        progress(data.get("done", 0), data.get("collected", 0))
        if printed is not None:
            return printed


@dataclass(frozen=True)
class Version:
    """A version of a kata's file to judge in a batch: a label, the file, and the tests to run
    on it (None: every test)."""

    label: str
    path: Path
    tests: tuple[str, ...] | None = None


def run_batch(
    versions: dict[Kata, list[Version]],
    extra: tuple[str, ...] = (),
    progress: Callable[[str], None] = lambda line: None,
) -> dict[tuple[str, str], KataRun]:
    """Judge every version of each kata's file in one pytest run (``--kata-batch``): the run of
    each, by (kata folder, version label), its tests named as in a run of that file alone.
    `progress` gets each line pytest prints with a percentage, as it prints it."""
    katas = list(versions)
    with tempfile.TemporaryDirectory(prefix="kata-batch-") as tmp:
        batch: dict[str, list[dict]] = {}
        for number, (kata, kept) in enumerate(versions.items()):
            batch[kata.folder] = []
            for index, version in enumerate(kept):
                folder = Path(tmp) / f"{number}-{index}"
                folder.mkdir()
                shutil.copy(version.path, folder / f"{kata.module}.py")
                tests = None if version.tests is None else list(version.tests)
                batch[kata.folder].append({"label": version.label, "folder": str(folder), "tests": tests})
        listing = Path(tmp) / "batch.json"
        listing.write_text(json.dumps(batch), encoding="utf-8")
        results = Path(tmp) / "results.json"
        printed = []
        # Nobody reads a batch's tracebacks (its verdicts come from the results, the same in every
        # style): native ones cost no parse of the test file per failure, as pytest's own do.
        with subprocess.Popen(
            pytest_command(katas, results, ("batch", listing), ("--tb=native", *extra)),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=katas[0].workspace.root,
            env={**os.environ, **NO_AUTOLOAD},
        ) as process:
            for line in process.stdout:
                printed.append(line)
                if line.rstrip().endswith("%]"):
                    progress(line.rstrip())
        entries = results_json(results)
    output = "".join(printed)
    found: dict[tuple[str, str], list[TestVerdict]] = {
        (kata.folder, version.label): [] for kata, kept in versions.items() for version in kept
    }
    for entry in entries:
        folder = Path(entry["nodeid"].split("::", 1)[0]).parent.name
        verdict = TestVerdict.from_json({**entry, "name": entry.get("test") or entry["name"]})
        found.setdefault((folder, entry.get("version") or ""), []).append(verdict)
    by_folder = {kata.folder: kata for kata in katas}
    return {
        key: KataRun(by_folder[key[0]], tuple(tests), output)
        for key, tests in found.items()
        if key[0] in by_folder
    }


class Sessions:
    """The pytest processes started in sessions of their own (`run_katas` with ``session``), which
    Ctrl-C in a terminal does not reach: `interrupt` interrupts those still running, as Ctrl-C
    would (pytest then stops its judge's children), and refuses to start any more."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running: set[subprocess.Popen] = set()
        self.stopped = False

    def start(self, command: list[str], **options) -> subprocess.Popen:
        """Start `command` in a session of its own, unless `interrupt` was called."""
        with self.lock:
            if self.stopped:
                raise KeyboardInterrupt
            process = subprocess.Popen(command, start_new_session=True, **options)
            self.running.add(process)
            return process

    def ended(self, process: subprocess.Popen) -> None:
        """`process` has ended: nothing to interrupt there any more."""
        with self.lock:
            self.running.discard(process)

    def interrupt(self) -> None:
        """Send SIGINT to the process group of each process still running; start no more."""
        with self.lock:
            self.stopped = True
            running = list(self.running)
        for process in running:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGINT)


SESSIONS = Sessions()


def run_katas(
    katas: list[Kata],
    root: Path | str | None = None,
    extra: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    progress: Progress | None = None,
    session: bool = False,
) -> dict[Kata, KataRun]:
    """`run_kata` for several katas of one workspace, in one pytest process; with `session`, in a
    session of its own (see `Sessions`): under the kernel's autogroup scheduling a session's
    processes share one share of the CPU, so files judged at once in sessions of their own each
    get one, as each of `kata stress`'s spinning processes does."""
    with tempfile.TemporaryDirectory(prefix="kata-run-") as tmp:
        results = Path(tmp) / "results.json"
        command = pytest_command(katas, results, root, extra)
        options = {
            "stdout": subprocess.PIPE,
            "stderr": subprocess.PIPE,
            "text": True,
            "cwd": katas[0].workspace.root,
            "env": {**os.environ, **NO_AUTOLOAD, **(env or {})},
        }
        start = SESSIONS.start if session else subprocess.Popen
        process = start(command, **options)
        try:
            with process:
                stdout, stderr = wait(process, results, progress or (lambda done, total: None))
        finally:
            if session:
                SESSIONS.ended(process)
        entries = results_json(results)
    output = stdout + stderr
    by_folder: dict[str, list[TestVerdict]] = {k.folder: [] for k in katas}
    for entry in entries:
        by_folder.setdefault(folder_of(entry["nodeid"]), []).append(TestVerdict.from_json(entry))
    return {k: KataRun(k, tuple(by_folder[k.folder]), output) for k in katas}


def folder_of(nodeid: str) -> str:
    """The kata folder of a test id ("katas/03_semaphore/test_pool.py::test_x": "03_semaphore")."""
    return Path(nodeid.split("::", 1)[0]).parent.name


def collected(katas: list[Kata], env: dict[str, str]) -> dict[str, frozenset[str]]:
    """Each kata's test ids, by kata folder, as pytest collects them from the workspace's own
    test files (collecting runs no student code). RuntimeError when pytest cannot collect them."""
    workspace = katas[0].workspace
    command = [*pytest_command(katas, None, None, ()), "--collect-only", "-q"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=workspace.root, env=env)
    if done.returncode != 0:
        printed = done.stdout + done.stderr
        raise RuntimeError(f"pytest could not collect the katas' tests:\n{printed}")
    ids: dict[str, set[str]] = {k.folder: set() for k in katas}
    for line in done.stdout.splitlines():
        if "::" in line:
            ids.setdefault(folder_of(line.strip()), set()).add(line.strip())
    return {folder: frozenset(found) for folder, found in ids.items()}


@dataclass(frozen=True)
class ConfinedRun:
    """A run of one kata's tests in a sandbox: how pytest ended, and what it wrote."""

    returncode: int | None  # None: stopped at the wall-clock limit; negative: killed by a signal
    results: bytes  # what pytest wrote on the grader's channel (nothing if it never got there)
    output: str  # what pytest printed

    @property
    def entries(self) -> list[dict]:
        """Each test's entry of the results; ValueError or KeyError when they are not the
        plugin's JSON."""
        return json.loads(self.results)["tests"]


def run_confined(
    kata: Kata,
    root: Path,
    sandbox: confine.Sandbox,
    timeout: float,
    env: dict[str, str],
    extra: tuple[str, ...] = (),
) -> ConfinedRun:
    """Judge `kata` against ``root/NN_topic/<module>.py`` in `sandbox` with environment `env`;
    every process of the run has ended on return. The results come back in an unnamed file
    that pytest writes through the file descriptor it inherits."""
    with tempfile.TemporaryFile() as results, tempfile.TemporaryFile() as output:
        command = pytest_command(kata, results.fileno(), root, ("--kata-guard", *extra))
        returncode = sandbox.run(
            command, timeout=timeout, env=env, output=output, pass_fds=(results.fileno(),)
        )
        output.seek(0)
        printed = output.read().decode(errors="replace")
        results.seek(0)
        return ConfinedRun(returncode, results.read(), printed)
