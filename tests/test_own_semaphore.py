"""Kata 12 holds the student's semaphore to the standard library's contract: its rules hold for
threading.Semaphore and threading.BoundedSemaphore themselves, and only the rule that forbids
using them fails on them."""

from __future__ import annotations

import shutil

from kata_runs import WORKSPACE

from katakit import kept, runner

KATA = WORKSPACE.find("12")
#: A kept wrong solution: threading's own classes under the kata's names.
THREADING_CLASSES = KATA.meta / "wrong" / "reexports_threading_classes.py"
#: The one rule threading's classes break by construction.
FORBIDDING_RULE = "test_neither_class_is_built_on_a_ready_made_semaphore_or_queue"


def test_threading_classes_pass_every_rule_but_the_one_forbidding_them(tmp_path):
    # Rule: each rule of kata 12 but one passes on threading's Semaphore and BoundedSemaphore.
    (tmp_path / KATA.folder).mkdir()
    shutil.copy(THREADING_CLASSES, KATA.student_file(tmp_path))
    run = runner.run_kata(KATA, tmp_path)
    failed = {t.name: t.message for t in run.tests if t.outcome != "passed"}
    assert list(failed) == [FORBIDDING_RULE], "\n".join(f"{n}:\n{m}" for n, m in failed.items())
    assert not kept.says(failed[FORBIDDING_RULE], kept.message(KATA, "BUILT_ON_READY_MADE"))
    assert len(run.tests) > 40, run.output[-2000:]
