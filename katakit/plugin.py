"""The pytest plugin of the katas (registered through the ``pytest11`` entry point).

It chooses which student files the kata tests judge and gives each test a `judge` fixture:

- ``pytest katas/03_semaphore`` judges ``katas/03_semaphore/pool.py``;
- ``pytest katas --solutions`` judges ``solutions/NN_topic/<module>.py`` instead;
- ``pytest katas --kata-root DIR`` judges ``DIR/NN_topic/<module>.py`` (the grader and the
  repo's own tests use this for submissions and wrong solutions).

Every deadline is multiplied by one scale: ``KATA_TIMEOUT_SCALE`` in the environment, else the
``kata_timeout_scale`` ini option (default 1). Raise it on a slow or overloaded machine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from katakit import catalog
from katakit.judge import Judge, Target, parse_scale

SCALE_ENV = "KATA_TIMEOUT_SCALE"


@dataclass(frozen=True)
class Settings:
    root: Path | None  # None: the kata's own folder
    scale: float
    start_method: str


settings_key = pytest.StashKey[Settings]()
judge_key = pytest.StashKey[Judge]()


# --- options ------------------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("katas", "concurrency katas")
    group.addoption(
        "--solutions",
        action="store_true",
        help="judge the reference solutions in solutions/ instead of the files in katas/",
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
    parser.addini(
        "kata_timeout_scale",
        f"multiply every kata deadline by this; the {SCALE_ENV} environment variable wins",
        default="1",
    )


# --- configure ----------------------------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    root = config.getoption("kata_root")
    if config.getoption("solutions"):
        if root:
            raise pytest.UsageError("give --solutions or --kata-root, not both")
        root = catalog.SOLUTIONS
    scale = os.environ.get(SCALE_ENV) or config.getini("kata_timeout_scale")
    try:
        scale = parse_scale(scale)
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[settings_key] = Settings(
        Path(root).resolve() if root else None, scale, config.getoption("judge_start")
    )
    config.addinivalue_line(
        "markers", "kata_process: the test starts real processes from the student's code"
    )


def pytest_report_header(config: pytest.Config) -> str:
    settings = config.stash[settings_key]
    where = settings.root or "katas/ (the student's files)"
    return f"katas: judging {where}; deadline scale {settings.scale:g}"


# --- hooks --------------------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """A test whose assertions passed still fails if the student's code left something running."""
    result = yield
    judge = item.stash.get(judge_key, None)
    if judge is not None and judge.leftovers:
        pytest.fail("\n\n".join(judge.leftovers), pytrace=False)
    return result


# --- helpers ------------------------------------------------------------------------------------


def target_for(kata_dir: Path, settings: Settings) -> Target:
    """The student module the tests in `kata_dir` judge, under the chosen root."""
    kata = catalog.read(kata_dir)
    module_dir = settings.root / kata_dir.name if settings.root else kata_dir
    return Target(kata.module, module_dir)


@pytest.fixture
def judge(request: pytest.FixtureRequest) -> Judge:
    """Runs scenarios against the student's module of this test's kata, in disposable children."""
    settings = request.config.stash[settings_key]
    judge = Judge(
        target_for(request.path.parent, settings), settings.scale, settings.start_method
    )
    request.node.stash[judge_key] = judge
    return judge
