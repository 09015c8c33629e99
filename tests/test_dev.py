"""`kata dev new` and `kata dev check`, run as a kata author runs them, in a copy of the repo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from kata_runs import WORKSPACE
from workspaces import copy_repo, kata

from katakit.catalog import Workspace
from katakit.dev import structure


@pytest.fixture
def scaffolded(tmp_path: Path) -> Path:
    """A copy of the repo with a new kata 99_example made by `kata dev new`."""
    repo = copy_repo(tmp_path / "repo")
    made = kata(repo, "dev", "new", "99_example", "--module", "example")
    assert made.returncode == 0, made.stderr
    return repo


def problems(repo: Path) -> str:
    """What `kata dev check 99` says, after checking that it failed."""
    checked = kata(repo, "dev", "check", "99")
    assert checked.returncode == 1, checked.stdout
    return " ".join(checked.stdout.split())


def test_every_kata_of_the_repo_is_whole():
    """Every kata of this repo passes `kata dev check`'s reading of its files."""
    report = structure.check(WORKSPACE, runs=False)
    assert report.ok, report.problems
    assert report.katas == len(WORKSPACE.katas())


def test_a_new_kata_passes_dev_check_and_joins_the_readme(scaffolded):
    """A kata made by `kata dev new` passes `kata dev check` and is in the README's table."""
    checked = kata(scaffolded, "dev", "check", "99")
    assert checked.returncode == 0, checked.stdout
    assert "1 kata(s) whole" in checked.stdout
    assert "| `99_example` | `example.py` |" in (scaffolded / "README.md").read_text()
    assert (scaffolded / "solutions" / "99_example" / "example.py").read_text().count("42")


def test_dev_check_fails_on_a_missing_solution(scaffolded):
    """A kata without its reference solution fails `kata dev check`."""
    (scaffolded / "katas" / "99_example" / ".meta" / "solution" / "example.py").unlink()
    assert "its reference solution is missing" in problems(scaffolded)


def test_dev_check_fails_on_a_core_rule_that_is_no_test(scaffolded):
    """A kata.toml whose core rules name a test the kata does not have fails `kata dev check`."""
    toml = scaffolded / "katas" / "99_example" / ".meta" / "kata.toml"
    toml.write_text(toml.read_text().replace('"test_answer_is_forty_two"', '"test_answer"'))
    assert "its kata.toml names an unknown core rule test_answer" in problems(scaffolded)


def test_dev_check_fails_on_a_stub_that_passes(scaffolded):
    """A kata whose stub passes its tests fails `kata dev check`."""
    folder = scaffolded / "katas" / "99_example"
    for stub in (folder / "example.py", folder / ".meta" / "stub" / "example.py"):
        shutil.copy(folder / ".meta" / "solution" / "example.py", stub)
    said = problems(scaffolded)
    assert "the stub must raise NotImplementedError" in said
    assert "the stub does not fail test_answer_is_forty_two (passed)" in said


def test_dev_check_fails_on_a_readme_table_out_of_date_and_fix_mends_it(scaffolded):
    """A README whose table of katas differs from the catalogue fails; --fix rewrites it."""
    readme = scaffolded / "README.md"
    readme.write_text(readme.read_text().replace("| `99_example` |", "| `99_sample` |"))
    assert "README.md's table of katas differs from the catalogue" in problems(scaffolded)
    fixed = kata(scaffolded, "dev", "check", "99", "--fix")
    assert fixed.returncode == 0 and "fixed README.md" in fixed.stdout


def _drop_line(start: str):
    return lambda text: "".join(line for line in text.splitlines(True) if not line.startswith(start))


@pytest.mark.parametrize(
    ("name", "edit", "problem"),
    [
        pytest.param(
            ".meta/messages.ko.toml", lambda text: "", "its messages: WRONG_ANSWER has no ko text", id="message"
        ),
        pytest.param(
            ".meta/messages.ko.toml",
            lambda text: text.replace("{got!r}", "{value}"),
            "its messages: WRONG_ANSWER (ko) has other placeholders (missing ['got'], extra ['value'])",
            id="placeholder",
        ),
        pytest.param(
            ".meta/hints.ko.toml",
            _drop_line('    "거의 답'),
            "its hints: hints (ko) has not the same number of items",
            id="hint",
        ),
        pytest.param(
            ".meta/rules.ko.toml",
            _drop_line("test_answer_is_forty_two"),
            "its rule test_answer_is_forty_two has no ko text in rules.ko.toml",
            id="rule",
        ),
        pytest.param(
            ".meta/rules.ko.toml",
            lambda text: text + 'test_gone = "사라진 규칙"\n',
            "rules.ko.toml gives a rule of no test: test_gone",
            id="rule-of-no-test",
        ),
        pytest.param("README.ko.md", None, "its lesson has no ko version (README.ko.md)", id="lesson"),
        pytest.param(
            ".meta/kata.toml",
            lambda text: text.split("[ko]")[0],
            "its kata.toml gives no ko title (in a [ko] table)",
            id="title",
        ),
    ],
)
def test_dev_check_fails_on_a_text_not_in_every_language(scaffolded, name, edit, problem):
    """A message, hint, rule, lesson or title missing from a language, or a translation with other
    placeholders than its English, fails `kata dev check`."""
    path = scaffolded / "katas" / "99_example" / name
    if edit is None:
        path.unlink()
    else:
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    workspace = Workspace(scaffolded)
    report = structure.check(workspace, [workspace.find("99")], runs=False)
    assert problem in report.problems.get("99_example", []), report.problems


def test_dev_check_counts_each_language_s_texts(scaffolded):
    """`kata dev check` ends by counting each language's messages, hints, rules and lessons."""
    checked = kata(scaffolded, "dev", "check", "99", "--no-runs")
    assert checked.returncode == 0, checked.stdout
    assert "en: 1 messages, 3 hints, rules in docstrings, 1 lessons" in checked.stdout
    assert "ko: 1 messages, 3 hints, 2 rules, 1 lessons" in checked.stdout


def test_dev_new_refuses_a_taken_number_or_module(scaffolded):
    """`kata dev new` refuses a kata number or a module name another kata has."""
    assert kata(scaffolded, "dev", "new", "99_other", "--module", "other").returncode == 2
    taken = kata(scaffolded, "dev", "new", "98_other", "--module", "example")
    assert taken.returncode == 2 and "taken already" in taken.stderr
