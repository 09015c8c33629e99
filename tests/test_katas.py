"""Every kata judges every version of its file right, as `kata verify` checks it, in one pytest run
a kata (`--kata-batch`): the stub fails every test and points at its TODO, the solution passes,
each kept wrong solution fails the tests its docstring names with the message named, and each
kept correct solution passes."""

from __future__ import annotations

import pytest
from kata_runs import WORKSPACE

from katakit import verify

KATAS = [pytest.param(kata, id=kata.folder) for kata in WORKSPACE.katas()]


# One kata's every version in one pytest run: longer than the 60 s backstop of a single test on a
# machine loaded several times over.
@pytest.mark.timeout(900)
@pytest.mark.parametrize("kata", KATAS)
def test_kata_judges_every_version_of_its_file_right(kata):
    """The stub fails at its TODO, the solution and kept correct ones pass, and each kept wrong one
    fails the tests it names with its message."""
    [check] = verify.verify([kata], jobs=1)
    assert not check.surprises, f"{kata.folder}:\n" + "\n".join(check.surprises)
