"""Stress runs: judge each kata many times and report every verdict that ever changed.

For each kata, the reference solution and every wrong and correct solution it keeps are judged
`runs` times in one pytest process each (``--kata-repeat``), once per *variation* (a deadline
scale and a way to start the judge's child: a verdict must not depend on either), optionally
under ``pytest -n 2`` and with spinning processes keeping every core busy. Each pytest run is in
a session of its own, as each spinning process is: where the kernel shares the CPU between
sessions (Linux's autogroup scheduling), a file judged gets a spinner's share, whatever else
runs beside it, and files judged at once get one each. A test *flips* when its outcome is not
the same in every run of every variation. A wrong solution *escapes* when a test its docstring
says must fail passes in some run, or when it passes every test of some run; the solution and
the correct ones *fail* when a test ever fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from katakit import catalog, kept, runner
from katakit.catalog import Kata
from katakit.deadlines import SCALE_ENV, SWITCH_ENV

RUN_ID = re.compile(r"\[run(\d+)-?")


@dataclass(frozen=True)
class Subject:
    """One file judged in a stress run: a kata's solution or one of its kept solutions."""

    kata: Kata
    label: str  # "solution", "wrong/<file stem>" or "correct/<file stem>"
    path: Path
    expectations: tuple[kept.Expectation, ...] = ()

    @property
    def wrong(self) -> bool:
        return bool(self.expectations)


@dataclass(frozen=True)
class Variation:
    """How one set of runs is made: the deadline scale, how the judge starts its child, and
    the child's thread switch interval (None: Python's own)."""

    scale: float = 1.0
    judge_start: str = "auto"
    switch: float | None = None

    def __str__(self) -> str:
        switch = "" if self.switch is None else f", threads switched every {self.switch:g} s"
        return f"scale {self.scale:g}, judge's child by {self.judge_start}{switch}"

    @property
    def environ(self) -> dict[str, str]:
        """The environment variables of its runs."""
        found = {SCALE_ENV: f"{self.scale:g}"}
        if self.switch is not None:
            found[SWITCH_ENV] = f"{self.switch:g}"
        return found

    @property
    def wrong(self) -> bool:
        return bool(self.expectations)


@dataclass
class Report:
    subject: Subject
    runs: int
    seconds: float
    outcomes: dict[str, list[str]] = field(default_factory=dict)  # test -> outcome per run
    escapes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # a solution's tests that ever failed

    @property
    def flips(self) -> list[str]:
        return sorted(name for name, seen in self.outcomes.items() if len(set(seen)) > 1)

    @property
    def ok(self) -> bool:
        return not (self.flips or self.escapes or self.failures)


#: The kinds of file a stress run can judge: each kata's reference solution, its kept wrong
#: solutions and its kept correct ones.
KINDS = ("solution", "wrong", "correct")


def subjects(katas: list[Kata], kinds: tuple[str, ...] = KINDS) -> list[Subject]:
    """Of each kata, in this order, the files of `kinds`: its solution, each of its kept wrong
    solutions, each of its kept correct ones."""
    found = []
    for kata in katas:
        keeper = catalog.keeper(kata)
        if "solution" in kinds:
            found.append(Subject(kata, "solution", keeper.solution))
        if "wrong" in kinds:
            found += [
                Subject(kata, f"wrong/{path.stem}", path, tuple(kept.expectations(path)))
                for path in keeper.kept("wrong")
            ]
        if "correct" in kinds:
            found += [
                Subject(kata, f"correct/{path.stem}", path) for path in keeper.kept("correct")
            ]
    return found


def base_name(test: str) -> tuple[str, int]:
    """``test_x[run3-fork]`` -> (``test_x[fork]``, 3)."""
    match = RUN_ID.search(test)
    index = int(match.group(1)) if match else 0
    name = RUN_ID.sub("[", test, count=1).replace("[]", "")
    return name, index


def judge(
    subject: Subject, runs: int, xdist: bool, variations: tuple[Variation, ...] = (Variation(),)
) -> Report:
    """Judge `subject` `runs` times in one pytest run per variation and gather each test's
    outcomes."""
    extra = ["--kata-repeat", str(runs)]
    if xdist:
        extra += ["-p", "xdist.plugin", "-n", "2"]
    if subject.wrong:
        extra += ["-k", " or ".join(sorted({e.test.split("[", 1)[0] for e in subject.expectations}))]
    per_run: dict[tuple[int, int], list[str]] = defaultdict(list)
    report = Report(subject, runs * len(variations), 0.0)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kata-stress-") as tmp:
        root = Path(tmp)
        (root / subject.kata.folder).mkdir()
        shutil.copy(subject.path, root / subject.kata.folder / f"{subject.kata.module}.py")
        for number, variation in enumerate(variations):
            options = (*extra, f"--judge-start={variation.judge_start}")
            run = runner.run_kata(subject.kata, root, options, env=variation.environ, session=True)
            if not run.tests:
                report.failures.append(f"no test ran ({variation}):\n{run.output[-2000:]}")
            for test in run.tests:
                name, index = base_name(test.name)
                report.outcomes.setdefault(name, []).append(test.outcome)
                per_run[number, index].append(test.outcome)
    report.seconds = time.monotonic() - started
    if report.failures:
        return report
    if subject.wrong:
        for name, seen in report.outcomes.items():
            if "passed" in seen and any(e.matches(name) for e in subject.expectations):
                report.escapes.append(f"{name} passed in {seen.count('passed')} of {len(seen)} runs")
        clean = [index for index, seen in per_run.items() if set(seen) == {"passed"}]
        if clean:
            report.escapes.append(f"passed every selected test in {len(clean)} run(s)")
    else:
        report.failures.extend(
            f"{name} failed in {len(seen) - seen.count('passed')} of {len(seen)} runs"
            for name, seen in report.outcomes.items()
            if set(seen) != {"passed"}
        )
    return report


#: A spinning process that says so once it runs, and stops by itself once the process that
#: started it is gone, so a stress run that is killed (where no ``finally`` runs) leaves no
#: burner behind.
BURNER = (
    "import os, sys\nprint('spinning', flush=True)\nwhile os.getppid() == int(sys.argv[1]): pass"
)


@contextmanager
def cpu_load(per_core: int = 1) -> Iterator[int]:
    """Keep every core busy with `per_core` spinning processes each while the block runs (a load
    of `per_core` on each core); yields how many spin, once every one of them does.

    Popen returns once the kernel has closed the child's close-on-exec files, which is before the
    exec is complete (its command line, in /proc, is still empty then): only the burner's own word
    says it runs."""
    count = per_core * (os.cpu_count() or 1)
    burners = [
        subprocess.Popen(
            [sys.executable, "-c", BURNER, str(os.getpid())],
            stdout=subprocess.PIPE,
            start_new_session=True,
        )
        for _ in range(count)
    ]
    try:
        for burner in burners:
            with burner.stdout:
                burner.stdout.readline()
        yield count
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
