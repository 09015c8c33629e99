"""Every kata judges its files right: stubs fail, solutions pass, kept wrong solutions fail with
the message that names their mistake, and kept correct variants pass."""

from __future__ import annotations

import pytest

from kata_runs import WORKSPACE, kept_params, run_kata

from katakit import kept

KATAS = [pytest.param(kata, id=kata.folder) for kata in WORKSPACE.katas()]


@pytest.mark.parametrize("kata", KATAS)
def test_reference_solution_passes(pytester, kata):
    # Rule: every test of every kata passes on its reference solution.
    outcomes = run_kata(pytester, kata, None)
    failed = {name: o.text for name, o in outcomes.items() if o.outcome != "passed"}
    assert not failed, f"{kata.folder}: the solution fails {list(failed)}:\n" + "\n".join(failed.values())


@pytest.mark.parametrize("kata", KATAS)
def test_pristine_stub_is_kept_beside_each_kata(kata):
    # Rule: every kata keeps its untouched stub in .meta/stub/, for `kata reset` and these tests.
    assert kata.pristine_stub.is_file(), f"{kata.folder} has no {kata.pristine_stub}"


@pytest.mark.parametrize("kata", KATAS)
def test_stub_fails_every_test_pointing_at_the_todo(pytester, kata):
    # Rule: on the untouched stub every test fails (none errors) and says what is left to write.
    outcomes = run_kata(pytester, kata, kata.pristine_stub)
    not_failed = [name for name, o in outcomes.items() if o.outcome != "failed"]
    assert not not_failed, f"{kata.folder}: on the stub these did not fail: {not_failed}"
    silent = [name for name, o in outcomes.items() if "TODO" not in kept.flat(o.text)]
    assert not silent, f"{kata.folder}: these failures do not point at the TODO: {silent}"


@pytest.mark.parametrize("kata, path", kept_params("wrong"))
def test_wrong_solution_fails_with_its_message(pytester, kata, path):
    # Rule: a kept wrong solution fails each test its docstring names, with the message named.
    wanted = kept.expectations(path)
    assert wanted, f"{path} has no 'expect: test -> MESSAGE' line"
    outcomes = run_kata(pytester, kata, path, only=[e.test for e in wanted])
    for expectation in wanted:
        runs = {name: o for name, o in outcomes.items() if expectation.matches(name)}
        assert runs, f"{path.name}: no test is called {expectation.test}"
        template = kept.message(kata, expectation.message_name)
        for name, outcome in runs.items():
            assert outcome.outcome == "failed", f"{path.name}: {name} {outcome.outcome}, expected it to fail"
            missing = kept.says(outcome.text, template)
            assert not missing, (
                f"{path.name}: {name} failed without {expectation.message_name}; "
                f"missing {missing!r} in:\n{outcome.text}"
            )


@pytest.mark.parametrize("kata, path", kept_params("correct"))
def test_correct_variant_passes(pytester, kata, path):
    # Rule: a correct solution written another way passes every test.
    outcomes = run_kata(pytester, kata, path)
    failed = {name: o.text for name, o in outcomes.items() if o.outcome != "passed"}
    assert not failed, f"{path.name} fails {list(failed)}:\n" + "\n".join(failed.values())
