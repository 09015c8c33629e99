"""The judge's verdict, a pure function of what its child reported: every way a run can end."""

from __future__ import annotations

from pathlib import Path

import pytest

from katakit.judge import texts
from katakit.judge.child import Failure, Frame, ThreadStack
from katakit.judge.render import Renderer
from katakit.judge.verdict import Context, Failed, Returned, verdict
from katakit.kept import says
from katakit.kinds import Kind

STUDENT = Path("/work/student/pool.py")
CONTEXT = Context(
    "pool", Renderer(STUDENT), 2.0, 30.0, stuck="Is it waiting?", hints={"Value": "A lesson."}
)


def failure(type_name: str, message: str = "bad", thread: str = "MainThread") -> Failure:
    frame = Frame(str(STUDENT), 12, "use", "self.active.append(name)")
    return Failure(type_name, message, (frame,), "", thread)


STACKS = [ThreadStack("thread-0", (Frame(str(STUDENT), 9, "worker", "semaphore.acquire()"),))]


READY = [("ready",), ("imported",)]
ENDINGS = [
    pytest.param(
        [("ready",), ("import-error", failure("SyntaxError"))], 1, Kind.IMPORT_ERROR,
        texts.IMPORT_FAILED, id="import-error",
    ),
    pytest.param(
        [*READY, ("thread-error", failure("KeyError", thread="t"))], None, Kind.RAISED,
        texts.RAISED, id="thread-error",
    ),
    pytest.param(
        [*READY, ("error", failure("NotImplementedError"))], 0, Kind.NOT_WRITTEN,
        texts.NOT_IMPLEMENTED, id="not-written",
    ),
    pytest.param([("timeout",)], None, Kind.SLOW_START, texts.SLOW_START, id="slow-start"),
    pytest.param(
        [*READY, ("timeout",), ("stuck", STACKS)], None, Kind.STUCK, texts.STUCK, id="stuck"
    ),
    pytest.param(
        [("ready",), ("timeout",), ("stuck", STACKS)], None, Kind.STUCK, texts.STUCK_AT_IMPORT,
        id="stuck-at-import",
    ),
    pytest.param(READY, 3, Kind.SILENT_EXIT, texts.SILENT_EXIT, id="silent-exit"),
]


@pytest.mark.parametrize("messages, exitcode, kind, template", ENDINGS)
def test_each_ending_is_a_failure_of_its_kind(messages, exitcode, kind, template):
    """Each way a child's run can end without a result is a Failed of its kind, with its text."""
    outcome = verdict(messages, exitcode, CONTEXT)
    assert isinstance(outcome, Failed) and outcome.kind == kind
    assert not says(outcome.text, template), outcome.text
    assert outcome.session_wide == (template == texts.STUCK_AT_IMPORT)


def test_a_result_is_returned_with_what_was_left_running():
    """A result comes back as the value, with leftover threads and processes as messages."""
    messages = [*READY, ("result", [1]), ("leftovers", STACKS, ["p (pid 9)"], "")]
    outcome = verdict(messages, 0, CONTEXT)
    assert isinstance(outcome, Returned) and outcome.value == [1]
    assert len(outcome.leftovers) == 2 and "thread 'thread-0':" in outcome.leftovers[0]


def test_a_raised_exception_shows_the_students_line_and_the_lesson_its_pattern_names():
    """An exception shows the student's line, and the lesson of every hint its text matches."""
    outcome = verdict([*READY, ("error", failure("ValueError"))], 0, CONTEXT)
    assert "at pool.py:12 in use(): self.active.append(name)" in outcome.text
    assert outcome.text.count("A lesson.") == 1
    stuck = verdict([*READY, ("timeout",), ("stuck", STACKS)], None, CONTEXT)
    assert "Is it waiting?" in stuck.text
    assert "at pool.py:9 in worker(): semaphore.acquire()" in stuck.text


@pytest.mark.parametrize(
    "type_name, said",
    [
        pytest.param("ValueError", True, id="raised-by-top-level-code"),
        pytest.param("ModuleNotFoundError", False, id="an-import-that-failed"),
    ],
)
def test_a_file_that_raises_at_its_top_level_is_told_where_a_demo_belongs(type_name, said):
    """A student file that raises in its top-level code as it is imported is told so, with that
    line, and where a demo's code belongs (a failed import of another module aside)."""
    top = Frame(str(STUDENT), 40, "<module>", "main(int(sys.argv[1]))")
    inner = Frame(str(STUDENT), 12, "main", "return [n]")
    raised = Failure(type_name, "bad", (top, inner), "", "MainThread")
    outcome = verdict([("ready",), ("import-error", raised)], 1, CONTEXT)
    assert ("pool.py, line 40 (`main(int(sys.argv[1]))`)" in outcome.text) == said, outcome.text
    assert ('`if __name__ == "__main__":`' in outcome.text) == said, outcome.text


def test_threads_left_deadlocked_are_named_as_a_deadlock():
    """Threads the code left waiting for good are reported with who holds what, not as stacks."""
    report = "  thread 'thread-1' waits to acquire pool.lock at pool.py:25 (`with self.lock:`)"
    messages = [*READY, ("result", None), ("leftovers", STACKS, [], report)]
    outcome = verdict(messages, 0, CONTEXT)
    assert len(outcome.leftovers) == 1 and not says(outcome.leftovers[0], texts.LEFTOVER_DEADLOCK)
    assert report in outcome.leftovers[0]


DUMP = 'Current thread 0x00007f0000000001 (most recent call first):\n  File "{file}", line 2 in main\n'


@pytest.mark.parametrize("linked", [pytest.param(False, id="a-file"), pytest.param(True, id="a-link")])
def test_a_dumped_stack_shows_a_line_of_the_students_file_only_while_it_is_a_file(tmp_path, linked):
    # Rule: a line of a dumped stack is read from the student's file only while it is a regular
    # file: student code that replaced it by a link (to a file only root may read) has nothing
    # read through it.
    other = tmp_path / "secret.txt"
    other.write_text("first\nsecret line\n")
    student = tmp_path / "pool.py"
    if linked:
        student.symlink_to(other)
    else:
        student.write_text("import threading\nmain_line()\n")
    shown = str(Renderer(student).dumped_stacks(DUMP.format(file=student)))
    assert "secret line" not in shown
    assert ("main_line()" in shown) is not linked
