"""Every kata judges every version of its file right, as `kata verify` checks it, in one pytest run
a kata (`--kata-batch`): the stub fails every test and points at its TODO, the solution passes,
each kept wrong solution fails the tests its docstring names with the message named, and each
kept correct solution passes.

Judging the kept files is most of the repo tests' time: those tests are marked ``kept``, and CI
runs them on its default Python only (``-m "not kept"`` on the others)."""

from __future__ import annotations

import pytest
from kata_runs import WORKSPACE

from katakit import verify

KATAS = [pytest.param(kata, id=kata.folder) for kata in WORKSPACE.katas()]


def surprises(kata, parts: tuple[str, ...]) -> str:
    """What verify found wrong judging `parts` of `kata`, one line each (empty when nothing)."""
    [check] = verify.verify([kata], jobs=1, parts=parts)
    return "\n".join(check.surprises)


@pytest.mark.parametrize("kata", KATAS)
def test_kata_judges_its_solution_and_stub_right(kata):
    """The solution passes every test, and the stub fails every test at its TODO."""
    found = surprises(kata, ("reference",))
    assert not found, f"{kata.folder}:\n{found}"


# One kata's kept files in one pytest run: 10-35 s on a quiet machine, longer than the repo tests'
# backstop (conftest.BACKSTOP) on one loaded several times over.
@pytest.mark.kept
@pytest.mark.timeout(900)
@pytest.mark.parametrize("kata", KATAS)
def test_kata_judges_its_kept_files_right(kata):
    """Each kept wrong solution fails the tests it names with its message; each kept correct one
    passes."""
    found = surprises(kata, ("kept",))
    assert not found, f"{kata.folder}:\n{found}"
