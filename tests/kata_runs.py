"""Running a kata's own tests against some version of the student's file, from the repo's tests.

`run_kata` copies one file into a fresh kata root as ``NN_topic/<module>.py``, runs
``pytest katas/NN_topic --kata-root <root>`` in-process through pytester, and returns each test's
outcome and failure text. `Expectation` reads what a kept wrong solution must produce from the
``expect:`` lines of its docstring::

    expect: test_name -> MESSAGE            (every parametrisation of test_name fails with it)
    expect: test_name[param] -> judge.STUCK (that one fails with the judge's own message)

MESSAGE names a constant of the kata's module in `katakit.messages` (or of `katakit.judge` with
the ``judge.`` prefix). A failure matches when it contains every literal part of the template.
"""

from __future__ import annotations

import ast
import importlib
import re
import shutil
import string
from dataclasses import dataclass
from pathlib import Path

import pytest

from katakit import catalog, judge
from katakit.catalog import Kata

TESTS = Path(__file__).resolve().parent
EXPECT = re.compile(r"^\s*expect:\s*(?P<test>\S+)\s*->\s*(?P<message>\S+)\s*$", re.M)


@dataclass(frozen=True)
class Outcome:
    outcome: str  # "passed", "failed", "skipped", or "error" (a setup or teardown failure)
    text: str


def topic(kata: Kata) -> str:
    return kata.folder.split("_", 1)[1]


def run_kata(
    pytester: pytest.Pytester, kata: Kata, source: Path | None, only: list[str] | None = None
) -> dict[str, Outcome]:
    """Each test of `kata` judged against `source` (None: the reference solution).

    `only` limits the run to the tests of these names (with or without parameters).
    """
    if source is None:
        root = catalog.SOLUTIONS
    else:
        root = pytester.path / "root"
        (root / kata.folder).mkdir(parents=True)
        shutil.copy(source, root / kata.folder / f"{kata.module}.py")
    args = [str(kata.tests_dir), f"--kata-root={root}", "-p", "no:cacheprovider"]
    args += ["-W", "ignore::pytest.PytestAssertRewriteWarning"]
    if only:
        args += ["-k", " or ".join(sorted({name.split("[", 1)[0] for name in only}))]
    result = pytester.inline_run(*args)
    outcomes: dict[str, Outcome] = {}
    for report in result.getreports("pytest_runtest_logreport"):
        name = report.nodeid.split("::")[-1]
        if report.when == "call" or (report.failed and name not in outcomes):
            kind = report.outcome if report.when == "call" else "error"
            outcomes[name] = Outcome(kind, report.longreprtext)
    assert outcomes, f"no test of {kata.folder} ran"
    return outcomes


def flat(text: str) -> str:
    """Failure text with pytest's 'E   ' prefixes and line breaks folded into single spaces."""
    return " ".join(re.sub(r"^E\s+", "", line).strip() for line in text.splitlines()).strip()


def literal_parts(template: str) -> list[str]:
    """The fixed text of a message template, between its {placeholders}."""
    return [flat(text) for text, *_ in string.Formatter().parse(template) if flat(text)]


def message(kata: Kata, name: str) -> str:
    if name.startswith("judge."):
        return getattr(judge, name.removeprefix("judge."))
    module = importlib.import_module(f"katakit.messages.{topic(kata)}")
    return getattr(module, name)


@dataclass(frozen=True)
class Expectation:
    test: str
    message_name: str

    def matches(self, test_name: str) -> bool:
        return test_name == self.test or test_name.split("[", 1)[0] == self.test


def expectations(path: Path) -> list[Expectation]:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return [Expectation(m["test"], m["message"]) for m in EXPECT.finditer(doc)]


def kept(kind: str) -> list:
    """pytest params for every kept file under tests/<kind>/NN_topic/, with its kata."""
    params = []
    for kata in catalog.all_katas():
        for path in sorted((TESTS / kind / kata.folder).glob("*.py")):
            params.append(pytest.param(kata, path, id=f"{kata.number}-{path.stem}"))
    return params
