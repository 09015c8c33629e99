"""The pytest plugin of the katas (registered through the ``pytest11`` entry point).

It chooses which student files the kata tests judge and gives each test a `judge` fixture:

- ``pytest katas/03_semaphore`` judges ``katas/03_semaphore/pool.py``;
- ``pytest katas --solutions`` judges each kata's reference solution instead
  (``katas/NN_topic/.meta/solution/<module>.py``);
- ``pytest katas --kata-root DIR`` judges ``DIR/NN_topic/<module>.py`` (the grader and the
  repo's own tests use this for submissions and wrong solutions).

Every deadline is multiplied by one scale: ``KATA_TIMEOUT_SCALE`` in the environment, else the
``kata_timeout_scale`` ini option (default 1). Raise it on a slow or overloaded machine.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from katakit import catalog, confine
from katakit.deadlines import SCALE_ENV, SCALE_INI, parse_scale
from katakit.judge import Failed, Judge, Target
from katakit.kinds import Kind


@dataclass(frozen=True)
class Settings:
    root: Path | None  # a folder of NN_topic/<module>.py; None: each kata's own folder
    solutions: bool  # judge each kata's reference solution
    scale: float
    start_method: str


settings_key = pytest.StashKey[Settings]()
session_key = pytest.StashKey[dict]()
judge_key = pytest.StashKey[Judge]()
kind_key = pytest.StashKey[Kind]()


# --- options ------------------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("katas", "concurrency katas")
    group.addoption(
        "--solutions",
        action="store_true",
        help="judge each kata's reference solution instead of the student's file",
    )
    group.addoption(
        "--kata-root",
        metavar="DIR",
        help="judge DIR/NN_topic/<module>.py instead of the files in katas/",
    )
    group.addoption(
        "--judge-start",
        choices=("auto", "fork", "forkserver", "spawn"),
        default="auto",
        help="how the judge starts the child that runs student code (default: auto, which is "
        "fork when the pytest process has one thread, else forkserver)",
    )
    group.addoption(
        "--kata-results",
        metavar="FILE",
        help="write each test's outcome and teaching message to FILE as JSON (for kata and the grader)",
    )
    group.addoption(
        "--kata-results-fd",
        metavar="FD",
        type=int,
        help="write the results to the open file FD instead, once every process the student's "
        "code left is gone (the grader's channel; no child of pytest keeps FD open)",
    )
    group.addoption(
        "--kata-repeat",
        metavar="N",
        type=int,
        default=1,
        help="run every kata test N times (ids end in runK); `kata stress` uses it",
    )
    parser.addini(
        SCALE_INI,
        f"multiply every kata deadline by this; the {SCALE_ENV} environment variable wins",
        default="1",
    )


# --- configure ----------------------------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    root = config.getoption("kata_root")
    solutions = config.getoption("solutions")
    if solutions and root:
        raise pytest.UsageError("give --solutions or --kata-root, not both")
    scale = os.environ.get(SCALE_ENV) or config.getini(SCALE_INI)
    try:
        scale = parse_scale(scale)
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[session_key] = {}
    config.stash[settings_key] = Settings(
        Path(root).resolve() if root else None, solutions, scale, config.getoption("judge_start")
    )
    results = config.getoption("kata_results")
    if results and not hasattr(config, "workerinput"):  # xdist's controller writes them
        config.pluginmanager.register(ResultsWriter(Path(results)), "kata-results")
    channel = config.getoption("kata_results_fd")
    if channel is not None:
        config.pluginmanager.register(GradersResults(channel), "kata-results-fd")
    config.addinivalue_line(
        "markers", "kata_process: the test starts real processes from the student's code"
    )


def pytest_report_header(config: pytest.Config) -> str:
    settings = config.stash[settings_key]
    where = settings.root or ("the reference solutions" if settings.solutions else "the student's files")
    return f"katas: judging {where}; deadline scale {settings.scale:g}"


# --- hooks --------------------------------------------------------------------------------------


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """With --kata-repeat N, every test that uses the judge runs N times."""
    count = metafunc.config.getoption("kata_repeat")
    if count > 1 and "judge" in metafunc.fixturenames:
        metafunc.fixturenames.append("kata_run")
        metafunc.parametrize("kata_run", range(count), ids=lambda i: f"run{i}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """The judge's failures become the test's, with their kind; a test whose assertions passed
    still fails if the student's code left something running."""
    try:
        result = yield
    except Failed as failure:
        item.stash[kind_key] = failure.kind
        failed = failure.text
    else:
        failed = None
    if failed is not None:  # outside the except block: pytest shows no chained exception
        pytest.fail(failed, pytrace=False)
    judge = item.stash.get(judge_key, None)
    if judge is not None and judge.leftovers:
        item.stash[kind_key] = Kind.LEFTOVER
        pytest.fail("\n\n".join(judge.leftovers), pytrace=False)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Tag a report with the test's rule, and a failed one with how it failed (both travel with
    xdist's reports)."""
    report = yield
    kind = item.stash.get(kind_key, None)
    if report.failed and kind is not None:
        report.user_properties.append(("kata_kind", kind.value))
    if report.when == "call" or report.failed:
        report.user_properties.append(("kata_rule", rule_of(item)))
    return report


# --- helpers ------------------------------------------------------------------------------------


def target_for(kata_dir: Path, settings: Settings) -> Target:
    """The module the tests in `kata_dir` judge: the student's, the solution or a submission's."""
    kata = catalog.read(kata_dir)
    if settings.solutions:
        return Target(kata.module, kata.solution_dir)
    return Target(kata.module, kata.student_file(settings.root).parent)


@pytest.fixture
def judge(request: pytest.FixtureRequest) -> Judge:
    """Runs scenarios against the student's module of this test's kata, in disposable children."""
    settings = request.config.stash[settings_key]
    judge = Judge(
        target_for(request.path.parent, settings),
        settings.scale,
        settings.start_method,
        session=request.config.stash[session_key],
    )
    request.node.stash[judge_key] = judge
    return judge


def rule_of(item: pytest.Item) -> str:
    """The rule a test checks: its docstring, on one line ("" when it has none)."""
    return " ".join((getattr(getattr(item, "function", None), "__doc__", None) or "").split())


def failure_message(report: pytest.TestReport) -> str:
    """The teaching message of a failed report, without pytest's assertion introspection."""
    crash = getattr(report.longrepr, "reprcrash", None)
    text = crash.message if crash is not None else str(report.longrepr)
    text = re.sub(r"^(AssertionError|Failed): ", "", text)
    return re.split(r"\nassert ", text, maxsplit=1)[0].strip()


class ResultsWriter:
    """Writes each test's outcome, failure kind and teaching message to a JSON file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.tests: list[dict] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" or report.failed or report.skipped:
            properties = dict(report.user_properties)
            self.tests.append(
                {
                    "nodeid": report.nodeid,
                    "name": report.nodeid.split("::")[-1],
                    "outcome": report.outcome if report.when == "call" else "error",
                    "kind": properties.get("kata_kind", Kind.ASSERTION.value) if report.failed else None,
                    "message": failure_message(report) if report.failed else "",
                    "rule": properties.get("kata_rule", ""),
                }
            )

    def results(self, exitstatus: int) -> str:
        """The results as JSON."""
        return json.dumps({"exitstatus": int(exitstatus), "tests": self.tests}, indent=1)

    def pytest_sessionfinish(self, exitstatus: int) -> None:
        self.path.write_text(self.results(exitstatus))


class GradersResults(ResultsWriter):
    """`ResultsWriter` for the grader: writes into the file open as `fd`, which no process pytest
    forks keeps (so student code never holds it), and only once every process student code left
    is gone (`katakit.confine.end_student_processes`)."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd
        owner = os.getpid()

        def close_in_child() -> None:
            if os.getppid() == owner:  # a child of pytest itself, not of a child
                os.close(fd)

        os.register_at_fork(after_in_child=close_in_child)

    def pytest_sessionfinish(self, exitstatus: int) -> None:
        confine.end_student_processes()
        data = self.results(exitstatus).encode()
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, data, 0)
