"""`kata verify`: is the kata repo sound? Every kata against every file it must judge.

For each kata: its reference solution must pass every test; its pristine stub must fail every
test; each wrong solution it keeps must fail each test its docstring names, with the message
named; each correct variant it keeps must pass; and the student's file must still be the
pristine stub. In a student's workspace the solution and kept solutions are the installed
kata's (`katakit.catalog.keeper`). With coverage, the solutions' runs are measured by
the coverage package (lines and branches, in every process and thread they run in) and anything
under 100% is a surprise too.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from katakit import catalog, confine, i18n, kept, runner
from katakit.catalog import Kata


@dataclass
class KataCheck:
    """What `verify` found for one kata; `surprises` is empty when all is as it must be."""

    kata: Kata
    solution: str = ""
    stub: str = ""
    wrong: str = ""
    correct: str = ""
    surprises: list[str] = field(default_factory=list)


#: What verify judges of a kata: its reference files (the solution and the stub) and its kept ones
#: (each wrong and correct solution).
PARTS = ("reference", "kept")


def versions_of(kata: Kata, parts: tuple[str, ...] = PARTS) -> list[runner.Version]:
    """Every version of `kata`'s file that verify judges, of `parts`: the solution, the stub, each
    kept wrong solution (only the tests, or the parametrisations of a test, it names) and each
    kept correct one."""
    keeper = catalog.keeper(kata)
    found = []
    if "reference" in parts:
        found += [
            runner.Version("solution", keeper.solution),
            runner.Version("stub", kata.pristine_stub),
        ]
    if "kept" not in parts:
        return found
    for path in keeper.kept("wrong"):
        tests = tuple(sorted({e.test for e in kept.expectations(path)}))
        found.append(runner.Version(f"wrong/{path.stem}", path, tests))
    found += [runner.Version(f"correct/{path.stem}", path) for path in keeper.kept("correct")]
    return found


#: How much of a failure's message a surprise quotes.
REASON_CHARS = 400


def why(test: runner.TestVerdict) -> str:
    """A test that a passing file did not pass: its name, its outcome and the start of its
    message, so that a surprise in CI, where nothing else is kept, says what happened."""
    reason = kept.flat(test.message)
    if len(reason) > REASON_CHARS:
        reason = reason[:REASON_CHARS] + " ..."
    kind = f", {test.kind.value}" if test.kind else ""
    return f"{test.name} ({test.outcome}{kind}): {reason}"


def check_solution(check: KataCheck, run: runner.KataRun) -> None:
    failed = [t for t in run.tests if t.outcome != "passed"]
    check.solution = f"{run.passed}/{len(run.tests)} pass"
    if not run.tests:
        check.surprises.append(f"the solution ran no test:\n{run.output[-2000:]}")
    check.surprises.extend(f"the solution fails {why(t)}" for t in failed)


def check_stub(check: KataCheck, run: runner.KataRun) -> None:
    kata = check.kata
    failing = sum(t.outcome == "failed" for t in run.tests)
    check.stub = f"{failing}/{len(run.tests)} fail"
    check.surprises.extend(
        f"the stub does not fail {t.name} ({t.outcome})" for t in run.tests if t.outcome != "failed"
    )
    check.surprises.extend(
        f"the stub fails {t.name} without pointing at the TODO"
        for t in run.tests
        if t.outcome == "failed" and "TODO" not in kept.flat(t.message)
    )
    if not run.tests:
        check.surprises.append(f"the stub ran no test:\n{run.output[-2000:]}")
    if kata.student_file().read_bytes() != kata.pristine_stub.read_bytes():
        check.surprises.append(f"{kata.student_file()} differs from its pristine stub")


def wrong_misses(kata: Kata, path: Path, run: runner.KataRun) -> list[str]:
    """What a kept wrong solution's run did not do as its `expect:` lines say."""
    wanted = kept.expectations(path)
    misses = [] if wanted else ["no 'expect:' line"]
    for expectation in wanted:
        tests = [t for t in run.tests if expectation.matches(t.name)]
        if not tests:
            misses.append(f"no test {expectation.test}")
        for test in tests:
            if test.outcome != "failed":
                misses.append(f"{test.name} {test.outcome}")
                continue
            for lang in i18n.LANGUAGES:
                names = expectation.message_names
                templates = [kept.message(kata, name, lang) for name in names]
                if all(kept.says(test.message_in(lang), t) for t in templates):
                    misses.append(f"{test.name} failed without {' or '.join(names)} ({lang})")
    return misses


def check_wrong(check: KataCheck, runs: dict[str, runner.KataRun]) -> None:
    kata = check.kata
    paths = catalog.keeper(kata).kept("wrong")
    caught = 0
    for path in paths:
        misses = wrong_misses(kata, path, runs[f"wrong/{path.stem}"])
        check.surprises.extend(f"wrong/{path.name}: {miss}" for miss in misses)
        caught += not misses
    check.wrong = f"{caught}/{len(paths)} caught"


def check_correct(check: KataCheck, runs: dict[str, runner.KataRun]) -> None:
    paths = catalog.keeper(check.kata).kept("correct")
    passing = 0
    for path in paths:
        run = runs[f"correct/{path.stem}"]
        failed = [t for t in run.tests if t.outcome != "passed"]
        check.surprises.extend(f"correct/{path.name} fails {why(t)}" for t in failed)
        if not run.tests:
            check.surprises.append(f"correct/{path.name} ran no test")
        passing += bool(run.tests) and not failed
    check.correct = f"{passing}/{len(paths)} pass"


def verify(
    katas: list[Kata],
    jobs: int = 2,
    progress: Callable[[str], None] = lambda line: None,
    parts: tuple[str, ...] = PARTS,
) -> list[KataCheck]:
    """Check each kata: every version of every kata's file (of `parts`) in one pytest run over
    `jobs` workers (pytest-xdist); `progress` gets each progress line pytest prints."""
    workers = ("-p", "xdist.plugin", "-n", str(jobs)) if jobs > 1 else ()
    versions = {kata: versions_of(kata, parts) for kata in katas}
    runs = runner.run_batch(versions, (*workers, "-q"), progress)
    checks = []
    for kata in katas:
        mine = {label: run for (folder, label), run in runs.items() if folder == kata.folder}
        check = KataCheck(kata)
        if "reference" in parts:
            check_solution(check, mine["solution"])
            check_stub(check, mine["stub"])
        if "kept" in parts:
            check_wrong(check, mine)
            check_correct(check, mine)
        checks.append(check)
    return checks


@dataclass(frozen=True)
class CoverageResult:
    percent: float
    report: str  # coverage's report, with the missing lines and branches


#: Seconds the processes of a coverage run may take to write their data once pytest has ended.
DATA_SECONDS = 30


def data_written(marker: str) -> None:
    """Wait until every process of the coverage run (a forkserver server, a process the judge let
    go) has exited, so has written its data file, before the files are combined: else coverage
    warns of a data file it cannot read. Whatever is still running after DATA_SECONDS is killed."""
    end = time.monotonic() + DATA_SECONDS
    while time.monotonic() < end:
        if all(confine.exiting_or_gone(pid) for pid in confine.processes_with(marker)):
            return
        time.sleep(0.01)
    confine.sweep(lambda: confine.processes_with(marker), confine.kill)


def unfinished(folder: Path) -> int:
    """Remove the data files in `folder` that their process never finished writing (no schema
    yet), and count them: a process of the judge's child's group (its forkserver server, its
    resource tracker) saving its data when the judge killed the group at the end of a test.
    Coverage would warn of each; the solutions' code runs in processes that exit before."""
    count = 0
    for path in folder.glob(".coverage.*"):
        try:
            with contextlib.closing(sqlite3.connect(path)) as db:
                tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError:  # cut off in its first page
            tables = set()
        if "coverage_schema" not in tables:
            path.unlink()
            count += 1
    return count


def coverage_of_solutions(
    katas: list[Kata], extra: tuple[str, ...] = (), html: Path | None = None
) -> CoverageResult:
    """Run the katas' tests on the solutions under coverage; the combined line+branch figure.

    The settings come from pyproject.toml ([tool.coverage.*]): branch coverage, parallel data
    files, multiprocessing and thread concurrency, and subprocesses patched, so that code run in
    the judge's children, in the processes they start and in scripts counts.
    """
    workspace = katas[0].workspace
    rcfile = f"--rcfile={workspace.config}"
    marker = f"KATA_COVERAGE_RUN={uuid.uuid4().hex}"
    with tempfile.TemporaryDirectory(prefix="kata-coverage-") as tmp:
        env = {
            **os.environ,
            **runner.NO_AUTOLOAD,
            "COVERAGE_FILE": str(Path(tmp) / ".coverage"),
            **dict([marker.split("=", 1)]),
        }

        def coverage(*args: str) -> subprocess.CompletedProcess:
            return subprocess.run(
                [sys.executable, "-m", "coverage", *args],
                cwd=workspace.root,
                env=env,
                capture_output=True,
                text=True,
            )

        tests = [str(k.path) for k in katas]
        options = ("--solutions", "-q", "-p", "no:cacheprovider", *runner.PLUGIN_OPTIONS, *extra)
        coverage("run", rcfile, "-m", "pytest", *tests, *options)
        data_written(marker)
        left_out = unfinished(Path(tmp))
        coverage("combine", rcfile, "-q")
        report = coverage("report", rcfile)
        total = coverage("report", rcfile, "--format=total", "--precision=2")
        if html is not None:
            coverage("html", rcfile, "-d", str(html))
    note = (
        f"\n(left out {left_out} data file(s) that a process of a judge's child's group was still"
        " writing when the group was killed at the end of its test)"
        if left_out
        else ""
    )
    return CoverageResult(float(total.stdout.strip() or 0), report.stdout + report.stderr + note)
