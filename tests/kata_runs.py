"""Running a kata's own tests against some version of the student's file, from the repo's tests.

`run_kata` copies one file into a fresh kata root as ``NN_topic/<module>.py``, runs
``pytest katas/NN_topic --kata-root <root>`` in-process through pytester, with the plugins of a
kata run and no others (as `katakit.runner` runs it), and returns each test's outcome and
failure text. What kept wrong solutions must produce is read by `katakit.kept`.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

# Imported once, before any run: pytester's inline_run forgets the modules that a run imported
# first, so each later run would import this one again, while `from katakit.instruments import
# processes` in a kata's test file still got the first copy from the package. A prepare taken
# from that copy then cannot be pickled for a fork server's child ("not the same object").
import katakit.instruments.processes  # noqa: F401
from katakit import runner
from katakit.catalog import Kata, Workspace

#: The repo these tests belong to.
WORKSPACE = Workspace(Path(__file__).resolve().parent.parent)


@dataclass(frozen=True)
class Outcome:
    outcome: str  # "passed", "failed", "skipped", or "error" (a setup or teardown failure)
    text: str


def run_kata(
    pytester: pytest.Pytester, kata: Kata, source: Path | None, only: list[str] | None = None
) -> dict[str, Outcome]:
    """Each test of `kata` judged against `source` (None: the reference solution).

    `only` limits the run to the tests of these names (with or without parameters).
    """
    args = [str(kata.path), "-p", "no:cacheprovider"]
    if source is None:
        args.append("--solutions")
    else:
        root = pytester.path / "root"
        (root / kata.folder).mkdir(parents=True)
        shutil.copy(source, kata.student_file(root))
        args.append(f"--kata-root={root}")
    args += ["-W", "ignore::pytest.PytestAssertRewriteWarning"]
    if only:
        args += ["-k", " or ".join(sorted({name.split("[", 1)[0] for name in only}))]
    args += runner.PLUGIN_OPTIONS
    with pytest.MonkeyPatch.context() as patch:
        for name, value in runner.NO_AUTOLOAD.items():
            patch.setenv(name, value)
        result = pytester.inline_run(*args)
    outcomes: dict[str, Outcome] = {}
    for report in result.getreports("pytest_runtest_logreport"):
        name = report.nodeid.split("::")[-1]
        if report.when == "call" or (report.failed and name not in outcomes):
            kind = report.outcome if report.when == "call" else "error"
            outcomes[name] = Outcome(kind, report.longreprtext)
    assert outcomes, f"no test of {kata.folder} ran"
    return outcomes


def kept_params(kind: str) -> list:
    """pytest params for every kept "wrong" or "correct" file, with its kata."""
    return [
        pytest.param(kata, path, id=f"{kata.number}-{path.stem}")
        for kata in WORKSPACE.katas()
        for path in kata.kept(kind)
    ]
