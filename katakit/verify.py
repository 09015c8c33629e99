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

import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from katakit import catalog, kept, runner
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


def judged(kata: Kata, path: Path, only: tuple[str, ...] = ()) -> runner.KataRun:
    """`kata`'s tests run against the file at `path`, copied into a fresh kata root."""
    with tempfile.TemporaryDirectory(prefix="kata-verify-") as tmp:
        root = Path(tmp)
        (root / kata.folder).mkdir()
        shutil.copy(path, root / kata.folder / f"{kata.module}.py")
        extra = ("-k", " or ".join(sorted({name.split("[", 1)[0] for name in only}))) if only else ()
        return runner.run_kata(kata, root, extra)


def check_solution(check: KataCheck, extra: tuple[str, ...]) -> None:
    run = runner.run_kata(check.kata, runner.SOLUTIONS, extra)
    failed = [t.name for t in run.tests if t.outcome != "passed"]
    check.solution = f"{run.passed}/{len(run.tests)} pass"
    if not run.tests:
        check.surprises.append(f"the solution ran no test:\n{run.output[-2000:]}")
    check.surprises.extend(f"the solution fails {name}" for name in failed)


def check_stub(check: KataCheck) -> None:
    kata = check.kata
    run = judged(kata, kata.pristine_stub)
    failing = sum(t.outcome == "failed" for t in run.tests)
    check.stub = f"{failing}/{len(run.tests)} fail"
    check.surprises.extend(
        f"the stub does not fail {t.name} ({t.outcome})" for t in run.tests if t.outcome != "failed"
    )
    if not run.tests:
        check.surprises.append(f"the stub ran no test:\n{run.output[-2000:]}")
    if kata.student_file().read_bytes() != kata.pristine_stub.read_bytes():
        check.surprises.append(f"{kata.student_file()} differs from its pristine stub")


def check_wrong(check: KataCheck, pool: ThreadPoolExecutor) -> None:
    kata = check.kata
    paths = catalog.keeper(kata).kept("wrong")
    wanted_by_path = [kept.expectations(path) for path in paths]
    runs = pool.map(
        lambda path, wanted: judged(kata, path, tuple(e.test for e in wanted)), paths, wanted_by_path
    )
    caught = 0
    for path, wanted, run in zip(paths, wanted_by_path, runs):
        misses = []
        for expectation in wanted:
            template = kept.message(kata, expectation.message_name)
            tests = [t for t in run.tests if expectation.matches(t.name)]
            if not tests:
                misses.append(f"no test {expectation.test}")
            for test in tests:
                if test.outcome != "failed":
                    misses.append(f"{test.name} {test.outcome}")
                elif kept.says(test.message, template):
                    misses.append(f"{test.name} failed without {expectation.message_name}")
        if not wanted:
            misses.append("no 'expect:' line")
        check.surprises.extend(f"wrong/{path.name}: {miss}" for miss in misses)
        caught += not misses
    check.wrong = f"{caught}/{len(paths)} caught"


def check_correct(check: KataCheck, pool: ThreadPoolExecutor) -> None:
    paths = catalog.keeper(check.kata).kept("correct")
    passing = 0
    for path, run in zip(paths, pool.map(lambda path: judged(check.kata, path), paths)):
        failed = [t.name for t in run.tests if t.outcome != "passed"]
        check.surprises.extend(f"correct/{path.name} fails {name}" for name in failed)
        passing += bool(run.tests) and not failed
    check.correct = f"{passing}/{len(paths)} pass"


def verify(katas: list[Kata], extra: tuple[str, ...] = (), jobs: int = 2) -> list[KataCheck]:
    """Check each kata, `jobs` pytest runs at a time; `extra` goes to the solutions' runs."""
    checks = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for kata in katas:
            check = KataCheck(kata)
            check_solution(check, extra)
            check_stub(check)
            check_wrong(check, pool)
            check_correct(check, pool)
            checks.append(check)
    return checks


@dataclass(frozen=True)
class CoverageResult:
    percent: float
    report: str  # coverage's report, with the missing lines and branches


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
    with tempfile.TemporaryDirectory(prefix="kata-coverage-") as tmp:
        env = {**os.environ, **runner.NO_AUTOLOAD, "COVERAGE_FILE": str(Path(tmp) / ".coverage")}

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
        coverage("combine", rcfile, "-q")
        report = coverage("report", rcfile)
        total = coverage("report", rcfile, "--format=total", "--precision=2")
        if html is not None:
            coverage("html", rcfile, "-d", str(html))
    return CoverageResult(float(total.stdout.strip() or 0), report.stdout + report.stderr)
