"""The pytest plugin of the katas (registered through the ``pytest11`` entry point).

It chooses which student files the kata tests judge and gives each test a `judge` fixture:

- ``pytest katas/03_semaphore`` judges ``katas/03_semaphore/pool.py``;
- ``pytest katas --solutions`` judges each kata's reference solution instead
  (``katas/NN_topic/.meta/solution/<module>.py``, or the installed kata's in a student's
  workspace: see `katakit.catalog.keeper`);
- ``pytest katas --kata-root DIR`` judges ``DIR/NN_topic/<module>.py`` (the grader uses this
  for submissions);
- ``pytest katas --kata-batch FILE`` judges many versions of each kata's file in one session
  (`kata verify` and the repo's own tests use it for solutions, stubs and kept files): every
  test runs once per version of its kata's file (its id starts with the version's label), or
  only the tests a version names.

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

from katakit import catalog, confine, i18n
from katakit.deadlines import SCALE_ENV, SCALE_INI, TEST_BACKSTOP, parse_scale
from katakit.judge import Failed, Judge, Target
from katakit.judge.render import lanes
from katakit.kinds import Kind


@dataclass(frozen=True)
class Version:
    """One version of a kata's file judged in a batch: its label, the folder holding it as
    ``<module>.py``, and the names of the tests to run on it (None: every test)."""

    label: str
    folder: Path
    tests: tuple[str, ...] | None = None

    def selects(self, name: str) -> bool:
        """Whether the test called `name` (``test_x`` or ``test_x[params]``) runs on it."""
        return self.tests is None or any(
            name == test or name.split("[", 1)[0] == test for test in self.tests
        )


def read_batch(path: Path) -> dict[str, list[Version]]:
    """The versions of a batch file (JSON: {"NN_topic": [{"label", "folder", "tests"}]})."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        kata: [
            Version(v["label"], Path(v["folder"]), None if v["tests"] is None else tuple(v["tests"]))
            for v in versions
        ]
        for kata, versions in data.items()
    }


@dataclass(frozen=True)
class Settings:
    root: Path | None  # a folder of NN_topic/<module>.py; None: each kata's own folder
    batch: dict[str, list[Version]] | None  # the versions of each kata's file to judge
    solutions: bool  # judge each kata's reference solution
    scale: float
    start_method: str
    repeat: int  # runs of every test (kata stress)
    guard: bool  # the child checks what student code replaced (`katakit.judge.child.Guard`)


settings_key = pytest.StashKey[Settings]()
session_key = pytest.StashKey[dict]()
katas_key = pytest.StashKey[dict[Path, catalog.Kata]]()
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
        "--kata-batch",
        metavar="FILE",
        help="judge the versions of the katas' files FILE lists (JSON), each test once a version",
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
        "--kata-guard",
        action="store_true",
        help="have the judge's child check, before it reports, that student code replaced none "
        "of the judge's or the standard library's code (the grader turns it on: it costs a few "
        "ms a test)",
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
    batch = config.getoption("kata_batch")
    if sum(map(bool, (root, solutions, batch))) > 1:
        raise pytest.UsageError("give one of --solutions, --kata-root and --kata-batch")
    scale = os.environ.get(SCALE_ENV) or config.getini(SCALE_INI)
    try:
        scale = parse_scale(scale)
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[session_key] = {}
    config.stash[katas_key] = {}
    config.stash[settings_key] = Settings(
        Path(root).resolve() if root else None,
        read_batch(Path(batch)) if batch else None,
        solutions,
        scale,
        config.getoption("judge_start"),
        config.getoption("kata_repeat"),
        config.getoption("kata_guard"),
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
    if settings.batch is not None:
        where = f"{sum(map(len, settings.batch.values()))} versions of the katas' files"
    return f"katas: judging {where}; deadline scale {settings.scale:g}"


# --- hooks --------------------------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """With --kata-batch, every test that uses the judge runs once per version of its kata's file
    (first among its parameters: its id starts with the version's label); with --kata-repeat
    N, it runs N times."""
    if "judge" not in metafunc.fixturenames:
        return
    batch = metafunc.config.stash[settings_key].batch
    if batch is not None:
        versions = batch.get(metafunc.definition.path.parent.name, [])
        metafunc.fixturenames.append("kata_version")
        metafunc.parametrize("kata_version", versions, ids=[v.label for v in versions])
    count = metafunc.config.getoption("kata_repeat")
    if count > 1:
        metafunc.fixturenames.append("kata_run")
        metafunc.parametrize("kata_run", range(count), ids=lambda i: f"run{i}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Give every kata test a backstop timeout scaled like its deadlines (pytest-timeout's);
    with --kata-batch, deselect the tests a version does not name."""
    settings = config.stash[settings_key]
    backstop = pytest.mark.timeout(TEST_BACKSTOP * max(1.0, settings.scale))
    for item in items:
        if "judge" in getattr(item, "fixturenames", ()):
            item.add_marker(backstop)
    if settings.batch is None:
        return
    kept, dropped = [], []
    for item in items:
        version = version_of(item)
        (kept if version is None or version.selects(plain_name(item)) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """The judge's failures become the test's, with their kind; a test whose assertions passed
    still fails if the student's code left something running."""
    try:
        result = yield
    except Failed as failure:
        item.stash[kind_key] = failure.kind
        parts = [failure.text]
    else:
        parts = []
    judge = item.stash.get(judge_key, None)
    if not parts and judge is not None and judge.leftovers:
        item.stash[kind_key] = Kind.LEFTOVER
        parts = judge.leftovers
    if parts:  # outside the except block: pytest shows no chained exception
        # A memoized run's messages may have been rendered for an earlier test: note them for
        # this one, so that its failure too is given in every language.
        i18n.RENDERED.extend(part for part in parts if isinstance(part, i18n.Rendered))
        pytest.fail("\n\n".join(parts), pytrace=False)
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
        report.user_properties.append(("kata_rules", rules_of(item)))
        version = version_of(item)
        if version is not None:
            report.user_properties.append(("kata_version", version.label))
            report.user_properties.append(("kata_test", plain_name(item)))
    if report.failed and "judge" in getattr(item, "fixturenames", ()):
        text = failure_message(report)
        found = {lang: i18n.translate(text, lang, i18n.RENDERED) for lang in i18n.LANGUAGES}
        report.user_properties.append(("kata_messages", found))
    if report.when == "teardown":
        i18n.RENDERED.clear()
    judge = item.stash.get(judge_key, None)
    if report.failed and report.when == "call" and judge is not None and judge.steps:
        shown = lanes(judge.steps)
        found = {lang: i18n.in_language(shown, lang) for lang in i18n.LANGUAGES}
        report.user_properties.append(("kata_interleavings", found))
        report.sections.append(("how the threads interleaved", str(shown)))
    return report


# --- helpers ------------------------------------------------------------------------------------


def kata_in(config: pytest.Config, folder: Path) -> catalog.Kata:
    """The kata in `folder`, read once a session (each of its tests asks twice)."""
    known = config.stash[katas_key]
    if folder not in known:
        known[folder] = catalog.read(folder)
    return known[folder]


def version_of(item: pytest.Item) -> Version | None:
    """The version of its kata's file a test judges in a batch, or None."""
    callspec = getattr(item, "callspec", None)
    return None if callspec is None else callspec.params.get("kata_version")


def plain_name(item: pytest.Item) -> str:
    """The test's name without its batch version: ``test_x[wrong/y-five]`` -> ``test_x[five]``."""
    version = version_of(item)
    if version is None:
        return item.name
    rest = item.callspec.id[len(version.label) + 1 :]
    return f"{item.originalname}[{rest}]" if rest else item.originalname


def target_for(kata: catalog.Kata, settings: Settings, version: Version | None) -> Target:
    """The module the tests of `kata` judge: the student's, the solution, a submission's or a
    batch's version."""
    if version is not None:
        return Target(kata.module, version.folder)
    if settings.solutions:
        return Target(kata.module, catalog.keeper(kata).solution_dir)
    return Target(kata.module, kata.student_file(settings.root).parent)


@pytest.fixture
def judge(request: pytest.FixtureRequest) -> Judge:
    """Runs scenarios against the student's module of this test's kata, in disposable children."""
    settings = request.config.stash[settings_key]
    kata = kata_in(request.config, request.path.parent)
    judge = Judge(
        target_for(kata, settings, version_of(request.node)),
        settings.scale,
        settings.start_method,
        bubble=kata.bubble,
        memoize=settings.repeat == 1,
        session=request.config.stash[session_key],
        guard=settings.guard,
    )
    request.node.stash[judge_key] = judge
    return judge


def rules_of(item: pytest.Item) -> dict[str, str]:
    """The rule a test checks, on one line ("" when it has none), in each language: its
    docstring, or in a kata's test its translation (`catalog.Kata.rule_in`)."""
    function = getattr(item, "function", None)
    english = " ".join((getattr(function, "__doc__", None) or "").split())
    if function is None or not catalog.is_kata(item.path.parent):
        return dict.fromkeys(i18n.LANGUAGES, english)
    kata = kata_in(item.config, item.path.parent)
    return {lang: kata.rule_in(function.__name__, english, lang) for lang in i18n.LANGUAGES}


def failure_message(report: pytest.TestReport) -> str:
    """The teaching message of a failed report, without pytest's assertion introspection."""
    crash = getattr(report.longrepr, "reprcrash", None)
    text = crash.message if crash is not None else str(report.longrepr)
    # A rewritten assert adds its explanation ("\nassert ...") and indents each line of its
    # message after the first; a plain AssertionError (raised in katakit.rules, say) does neither.
    rewritten = text.startswith("AssertionError: ") and "\nassert " in text
    text = re.sub(r"^(AssertionError|Failed): ", "", text)
    text = re.split(r"\nassert ", text, maxsplit=1)[0]
    if rewritten:
        text = text.replace("\n  ", "\n")
    return text.strip()


class ResultsWriter:
    """Writes each test's outcome, failure kind and teaching message to a JSON file when the
    session finishes ("exitstatus" set). Before, and again after each test, the file says how
    far the run got: "collected", and "done" (how many tests have their verdict), with "tests"
    empty, so that each of those writes costs the same however many tests came before."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.results: dict = {"collected": 0, "exitstatus": None, "tests": []}

    def write(self) -> None:
        """Replace the file in one step: a reader never sees half of it."""
        data = {**self.results, "done": len(self.results["tests"])}
        if data["exitstatus"] is None:
            data["tests"] = []
        temporary = self.path.with_name(f"{self.path.name}.tmp")
        temporary.write_text(json.dumps(data, indent=1))
        os.replace(temporary, self.path)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.results["collected"] = len(session.items)
        self.write()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" or report.failed or report.skipped:
            properties = dict(report.user_properties)
            self.results["tests"].append(
                {
                    "nodeid": report.nodeid,
                    "name": report.nodeid.split("::")[-1],
                    "outcome": report.outcome if report.when == "call" else "error",
                    "kind": properties.get("kata_kind", Kind.ASSERTION.value) if report.failed else None,
                    "message": failure_message(report) if report.failed else "",
                    "rules": properties.get("kata_rules", {}),
                    "messages": properties.get("kata_messages", {}),
                    "version": properties.get("kata_version"),
                    "test": properties.get("kata_test"),
                    "interleavings": properties.get("kata_interleavings", {}),
                    "seconds": report.duration,
                }
            )
            self.write()

    def pytest_sessionfinish(self, exitstatus: int) -> None:
        self.results["exitstatus"] = int(exitstatus)
        self.write()


class GradersResults(ResultsWriter):
    """`ResultsWriter` for the grader: writes into the file open as `fd`, which no process pytest
    forks keeps (so student code never holds it), once, when the session finishes and every
    process student code left is gone (`katakit.confine.end_student_processes`)."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd
        owner = os.getpid()

        def close_in_child() -> None:
            if os.getppid() == owner:  # a child of pytest itself, not of a child
                os.close(fd)

        os.register_at_fork(after_in_child=close_in_child)

    def write(self) -> None:
        """Nothing while student code may still run: the grader reads the results only once."""

    def pytest_sessionfinish(self, exitstatus: int) -> None:
        confine.end_student_processes()
        self.results["exitstatus"] = int(exitstatus)
        data = json.dumps(self.results, indent=1).encode()
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, data, 0)
