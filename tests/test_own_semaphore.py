"""Kata 12 holds the student's semaphore to the standard library's contract: its rules hold for
threading.Semaphore and threading.BoundedSemaphore themselves, and only the rule that forbids
using them fails on them."""

from __future__ import annotations

from kata_runs import WORKSPACE, run_kata

from katakit import kept

KATA = WORKSPACE.find("12")
#: A kept wrong solution: threading's own classes under the kata's names.
THREADING_CLASSES = KATA.meta / "wrong" / "reexports_threading_classes.py"
#: The one rule threading's classes break by construction.
FORBIDDING_RULE = "test_neither_class_is_built_on_threading_semaphore"


def test_threading_classes_pass_every_rule_but_the_one_forbidding_them(pytester):
    # Rule: each rule of kata 12 but one passes on threading's Semaphore and BoundedSemaphore.
    outcomes = run_kata(pytester, KATA, THREADING_CLASSES)
    failed = {name: o.text for name, o in outcomes.items() if o.outcome != "passed"}
    assert list(failed) == [FORBIDDING_RULE], "\n".join(f"{n}:\n{t}" for n, t in failed.items())
    assert not kept.says(failed[FORBIDDING_RULE], KATA.messages["BUILT_ON_THREADING"])
    assert len(outcomes) > 40, f"only {len(outcomes)} tests ran"
