"""A kept wrong solution's ``expect:`` lines, and how `kata verify` holds a run of it to them."""

from __future__ import annotations

import pytest
from kata_runs import WORKSPACE

from katakit import i18n, kept, runner, verify

KATA = WORKSPACE.find("01")
EITHER = "judge.STUCK_AT_IMPORT | judge.BUBBLE_AT_IMPORT"


def run_saying(name: str | None) -> runner.KataRun:
    """A run whose one test, test_it, failed with the judge's message `name` in every language
    (passed, for None)."""
    if name is None:
        return runner.KataRun(KATA, (runner.TestVerdict("test_it", "passed", None, ""),), "")
    messages = {lang: kept.message(KATA, name, lang) for lang in i18n.LANGUAGES}
    verdict = runner.TestVerdict("test_it", "failed", None, messages["en"], messages=messages)
    return runner.KataRun(KATA, (verdict,), "")


@pytest.mark.parametrize(
    "said, missed",
    [
        pytest.param("judge.STUCK_AT_IMPORT", False, id="the-first"),
        pytest.param("judge.BUBBLE_AT_IMPORT", False, id="the-second"),
        pytest.param("judge.STARVED", True, id="neither"),
        pytest.param(None, True, id="passed"),
    ],
)
def test_a_wrong_file_may_expect_either_of_two_messages(tmp_path, said, missed):
    """``expect: test -> ONE | OTHER`` is met by a failure that says either, and by nothing else."""
    path = tmp_path / "wrong.py"
    path.write_text(f'"""Wrong.\n\nexpect: test_it -> {EITHER}\n"""\n')
    [expectation] = kept.expectations(path)
    assert expectation.message_names == ("judge.STUCK_AT_IMPORT", "judge.BUBBLE_AT_IMPORT")
    misses = verify.wrong_misses(KATA, path, run_saying(said))
    assert bool(misses) is missed, misses
    if said is not None and missed:
        assert misses == [
            f"test_it failed without judge.STUCK_AT_IMPORT or judge.BUBBLE_AT_IMPORT ({lang})"
            for lang in i18n.LANGUAGES
        ]
