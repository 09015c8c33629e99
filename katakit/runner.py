"""Run one kata's tests in a pytest subprocess and read back each test's verdict.

The `kata` command goes through `run_kata`: it runs
``python -m pytest katas/NN_topic --kata-results FILE`` with this repo's own configuration and
returns a `KataRun` built from the JSON the plugin writes (see `katakit.plugin.ResultsWriter`).
The grader goes through `run_confined`, the same run in a `katakit.confine.Sandbox`, whose
results come back in a file that has no name (``--kata-results-fd``), and `collected`, which
counts each kata's tests before any student code runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from katakit import confine
from katakit.catalog import Kata
from katakit.kinds import Kind

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
    rule: str = ""  # the rule the test checks: its docstring

    @classmethod
    def from_json(cls, data: dict) -> TestVerdict:
        """A verdict as the plugin's results file (or the `kata` command's state) holds it."""
        kind = data.get("kind")
        return cls(
            data["name"],
            data["outcome"],
            Kind(kind) if kind else None,
            data["message"],
            data.get("rule", ""),
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
        if any(t.kind == Kind.STUCK for t in self.tests):
            return "stuck"
        return "passed" if self.passed == len(self.tests) else "failing"


#: The `root` of `run_kata` that judges the reference solutions.
SOLUTIONS = "solutions"


def pytest_command(
    kata: Kata | list[Kata], results: Path | int, root: Path | str | None, extra: tuple[str, ...]
) -> list[str]:
    """The pytest command that judges `kata` (or each of a list of katas of one workspace)
    against its student's file (`root` None), its solution (`root` SOLUTIONS) or
    ``root/NN_topic/<module>.py``, writing its results to the file `results` (a path, or an
    open file descriptor)."""
    katas = kata if isinstance(kata, list) else [kata]
    workspace = katas[0].workspace
    if isinstance(results, int):
        results_option = f"--kata-results-fd={results}"
    else:
        results_option = f"--kata-results={results}"
    command = [
        sys.executable,
        "-m",
        "pytest",
        *(str(k.path) for k in katas),
        results_option,
        f"--rootdir={workspace.root}",
        f"--config-file={workspace.config}",
        "-p",
        "no:cacheprovider",
        *PLUGIN_OPTIONS,
    ]
    if root == SOLUTIONS:
        command.append("--solutions")
    elif root is not None:
        command.append(f"--kata-root={root}")
    return command + list(extra)


def run_kata(
    kata: Kata,
    root: Path | str | None = None,
    extra: tuple[str, ...] = (),
    timeout: float | None = None,
    env: dict[str, str] | None = None,
) -> KataRun:
    """Judge `kata` against ``root/NN_topic/<module>.py`` (default: the student's file; SOLUTIONS:
    the reference solution)."""
    return run_katas([kata], root, extra, timeout, env)[kata]


def results_json(path: Path) -> list[dict]:
    """Each test's entry of the JSON the plugin wrote; none when it wrote nothing."""
    return json.loads(path.read_text())["tests"] if path.exists() else []


def run_katas(
    katas: list[Kata],
    root: Path | str | None = None,
    extra: tuple[str, ...] = (),
    timeout: float | None = None,
    env: dict[str, str] | None = None,
) -> dict[Kata, KataRun]:
    """`run_kata` for several katas of one workspace, in one pytest process."""
    with tempfile.TemporaryDirectory(prefix="kata-run-") as tmp:
        results = Path(tmp) / "results.json"
        completed = subprocess.run(
            pytest_command(katas, results, root, extra),
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=katas[0].workspace.root,
            env={**os.environ, **NO_AUTOLOAD, **(env or {})},
        )
        entries = results_json(results)
    output = completed.stdout + completed.stderr
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
    command = [*pytest_command(katas, Path(os.devnull), None, ()), "--collect-only", "-q"]
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
        command = pytest_command(kata, results.fileno(), root, extra)
        returncode = sandbox.run(
            command, timeout=timeout, env=env, output=output, pass_fds=(results.fileno(),)
        )
        output.seek(0)
        printed = output.read().decode(errors="replace")
        results.seek(0)
        return ConfinedRun(returncode, results.read(), printed)
