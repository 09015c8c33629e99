"""Fixtures of the repo's own tests, and a hang that says where it is."""

from __future__ import annotations

import faulthandler
import os
import sys
import textwrap
from pathlib import Path

import pytest

#: The grader's fixture submissions (see tests/test_grading.py) hold conftest.py, pytest.py and
#: test files of their own, some of them cheats: never collected with the repo's tests.
collect_ignore = ["submissions"]
#: The folder of the repo's own tests.
TESTS = Path(__file__).resolve().parent

#: pytest-timeout's backstop for each of the repo's own tests that sets none (a kata's tests keep
#: pyproject's 60 s). Only a hang may reach it: the slowest of them, 15 s on a quiet 2-core
#: machine, took 87 s under `kata stress --load 4`'s spinning processes, and a module fixture of
#: test_cli.py (three `kata` runs) more than 60 s.
BACKSTOP = 300
#: This long after a test's backstop, every thread's stack goes to stderr: the backstop fires
#: once, and a teardown that then waits would wait for ever without a word.
HANG_AFTER_BACKSTOP = 30
stderr_key = pytest.StashKey[int]()


def pytest_configure(config: pytest.Config) -> None:
    # The real stderr, kept before a test's capture takes file descriptor 2 over.
    config.stash[stderr_key] = os.dup(sys.__stderr__.fileno())


def pytest_unconfigure(config: pytest.Config) -> None:
    os.close(config.stash[stderr_key])


def session_timeout(config: pytest.Config) -> float | None:
    """The timeout pytest-timeout takes from the command line or PYTEST_TIMEOUT, if either
    gives one."""
    given = config.getoption("timeout")
    if given is None and os.environ.get("PYTEST_TIMEOUT"):
        given = os.environ["PYTEST_TIMEOUT"]
    return None if given is None else float(given)


def backstop(item: pytest.Item) -> float:
    """The seconds pytest-timeout gives `item` (0: none): its mark's, else the session's, else
    the ini file's."""
    mark = item.get_closest_marker("timeout")
    if mark is not None and (mark.args or "timeout" in mark.kwargs):
        return float(mark.kwargs.get("timeout", mark.args[0] if mark.args else 0) or 0)
    given = session_timeout(item.config)
    return float(item.config.getini("timeout") or 0) if given is None else given


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A timeout given for the session (--timeout, PYTEST_TIMEOUT) replaces the backstop; a test's
    # own mark still rules over both, as pytest-timeout has it.
    if session_timeout(config) is None:
        for item in items:
            if item.path.resolve().is_relative_to(TESTS) and not item.get_closest_marker("timeout"):
                item.add_marker(pytest.mark.timeout(BACKSTOP))
    # The judging of kept files first (each takes 10-25 s, most of the run): under pytest-xdist
    # they are then dealt out to the workers in turn, and the short tests fill in around them,
    # instead of one worker finishing the last long ones alone.
    items.sort(key=lambda item: item.get_closest_marker("kept") is None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item):
    # Here, not as pyproject's faulthandler_timeout: its watchdog thread would make the judge of
    # every kata run start its children by forkserver (it forks only a single-threaded process).
    if seconds := backstop(item):
        later = seconds + HANG_AFTER_BACKSTOP
        faulthandler.dump_traceback_later(later, file=item.config.stash[stderr_key])
    try:
        return (yield)
    finally:
        faulthandler.cancel_dump_traceback_later()


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inner pytest runs and commands print as on an 80-column terminal, whatever this one is.

    pytest cuts each line of its short summary to the terminal's width: on a wide terminal a
    failure's whole message is printed twice, and a count of it doubles.
    """
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture
def fake_kata(pytester: pytest.Pytester):
    """Make a one-kata tree in pytester's folder: ``make(student_source, test_source)``.

    The kata is ``99_fake`` with the student module ``fake``; the test source may use the
    ``judge`` fixture as a kata test would. Returns the kata's folder.
    """

    def make(student: str, tests: str):
        folder = pytester.path / "99_fake"
        (folder / ".meta").mkdir(parents=True, exist_ok=True)
        (folder / ".meta" / "kata.toml").write_text(
            'title = "fake"\nteaches = "nothing"\nmodule = "fake"\npoints = 1\ndocs = []\n'
        )
        (folder / ".meta" / "messages.toml").write_text("")
        (folder / "fake.py").write_text(textwrap.dedent(student))
        (folder / "test_fake.py").write_text(textwrap.dedent(tests))
        return folder

    return make
