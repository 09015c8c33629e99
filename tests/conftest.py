"""Fixtures of the repo's own tests."""

from __future__ import annotations

import textwrap

import pytest

#: The grader's fixture submissions (see tests/test_grading.py) hold conftest.py, pytest.py and
#: test files of their own, some of them cheats: never collected with the repo's tests.
collect_ignore = ["submissions"]


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
