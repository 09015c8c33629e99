"""What came back from a judge's child, turned into a verdict: a pure function of the messages.

The child sends tuples (see `katakit.judge.child`): ``("ready",)``, ``("imported",)``,
``("result", value)``, ``("error", failure)``, ``("thread-error", failure)``,
``("import-error", failure)``, ``("stuck", stacks)``,
``("leftovers", threads, processes, deadlock report or "")``,
and, in a bubble, ``("steps", steps)`` and ``("deadlock" | "spin" | "poll" | "blocked", report)``; the
parent adds ``("timeout",)`` when the deadline passed. `verdict` makes of them either the
scenario's value (`Returned`, with what it left running) or a `Failed` naming its kind; both
carry the student's last steps (thread, what, where) when the bubble kept them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from katakit.i18n import Lines
from katakit.judge import texts
from katakit.judge.child import Failure
from katakit.judge.render import Renderer
from katakit.kinds import Kind


class Failed(Exception):
    """A test failed while the judge ran student code: its kind and its teaching message.

    `session_wide` marks a failure every later test of the session shares (a module stuck at
    import is judged once).
    """

    def __init__(
        self, kind: Kind, text: str, session_wide: bool = False, steps: tuple = ()
    ) -> None:
        super().__init__(text)
        self.kind = kind
        self.text = text
        self.session_wide = session_wide
        self.steps = steps


@dataclass(frozen=True)
class Returned:
    """The scenario returned `value`; `leftovers` says what the code left running, if anything."""

    value: Any
    leftovers: tuple[str, ...] = ()
    steps: tuple = ()


@dataclass(frozen=True)
class Context:
    """What the verdict needs besides the messages."""

    module: str  # the student's module
    render: Renderer
    seconds: float  # the scenario's deadline, scaled
    start_limit: float  # the child's start limit, scaled
    stuck: str = ""  # the likely cause, shown when the code is stuck
    what: str = ""  # what got stuck ("": the student's code)
    hints: dict[str, str] = field(default_factory=dict)  # exception pattern -> lesson


#: What the child found by itself, by message: the kind of failure and its text. The bubble
#: finds the first four; a `katakit.instruments.processes.QueueWatch` the last.
FOUND_ENDS = {
    "deadlock": (Kind.DEADLOCK, texts.DEADLOCK),
    "spin": (Kind.SPIN, texts.SPIN),
    "poll": (Kind.POLL, texts.POLL),
    "blocked": (Kind.STUCK, texts.BLOCKED),
    "starved": (Kind.DEADLOCK, texts.STARVED),
}


def verdict(messages: list[tuple], exitcode: int | None, context: Context) -> Returned | Failed:
    """The scenario's value, or how it failed; either with the steps the bubble kept."""
    outcome = judged(messages, exitcode, context)
    steps = tuple(tuple(step) for m in messages if m[0] == "steps" for step in m[1])
    if isinstance(outcome, Failed):
        outcome.steps = steps
        return outcome
    return Returned(outcome.value, outcome.leftovers, steps)


def judged(messages: list[tuple], exitcode: int | None, context: Context) -> Returned | Failed:
    """The scenario's value, or how it failed."""
    kinds = {m[0]: m for m in messages}
    render = context.render
    if "forged" in kinds:
        return Failed(Kind.FORGED, kinds["forged"][1])
    if "import-error" in kinds:
        failure = kinds["import-error"][1]
        return Failed(
            Kind.IMPORT_ERROR,
            texts.IMPORT_FAILED.format(
                module=context.module,
                type_name=failure.type_name,
                message=failure.message,
                where=render.where(failure.frames),
                top=render.top_level(failure),
                traceback=render.traceback(failure),
            ),
        )
    if "thread-error" in kinds:
        return raised(kinds["thread-error"][1], context)
    if "error" in kinds:
        return raised(kinds["error"][1], context)
    what = context.what or texts.YOUR_CODE
    for name, (kind, _) in FOUND_ENDS.items():
        if name not in kinds:
            continue
        if "imported" not in kinds:
            text = texts.BUBBLE_AT_IMPORT.format(module=context.module, report=kinds[name][1])
            return Failed(kind, text, session_wide=True)
        return found_end(name, what, kinds[name][1], context.stuck)
    if "timeout" in kinds:
        if "ready" not in kinds:
            return Failed(Kind.SLOW_START, texts.SLOW_START.format(limit=context.start_limit))
        stacks = kinds.get("stuck", (None, []))[1]
        shown = render.stacks(stacks) if stacks else texts.STUCK_NO_STACKS
        if "imported" not in kinds:
            text = texts.STUCK_AT_IMPORT.format(
                module=context.module, deadline=context.seconds, stacks=shown
            )
            return Failed(Kind.STUCK, text, session_wide=True)
        return Failed(
            Kind.STUCK,
            texts.STUCK.format(
                what=what, deadline=context.seconds, hint=context.stuck, stacks=shown
            ),
        )
    if "result" not in kinds:
        return Failed(Kind.SILENT_EXIT, texts.SILENT_EXIT.format(code=exitcode))
    leftovers = []
    if "leftovers" in kinds:
        _, threads, processes, deadlocked = kinds["leftovers"]
        if deadlocked:
            leftovers.append(texts.LEFTOVER_DEADLOCK.format(count=len(threads), report=deadlocked))
        elif threads:
            leftovers.append(
                texts.LEFTOVER_THREADS.format(count=len(threads), stacks=render.stacks(threads))
            )
        if processes:
            leftovers.append(
                texts.LEFTOVER_PROCESSES.format(count=len(processes), names=", ".join(processes))
            )
    return Returned(kinds["result"][1], tuple(leftovers))


def found_end(found: str, what: str, report: str, stuck: str) -> Failed:
    """The verdict on what the child found in `what` (a `FOUND_ENDS` key), with its report and
    the likely cause `stuck` on a line of its own, if any."""
    kind, template = FOUND_ENDS[found]
    hint = Lines([stuck]) if stuck else ""
    return Failed(kind, template.format(what=what, report=report, hint=hint))


def raised(failure: Failure, context: Context) -> Failed:
    """The verdict on an exception of the student's code: a TODO not written yet, or raised."""
    render = context.render
    mine = [f for f in failure.frames if render.is_student(f)]
    if failure.type_name == "NotImplementedError" and mine:
        return Failed(
            Kind.NOT_WRITTEN,
            texts.NOT_IMPLEMENTED.format(
                function=mine[-1].function,
                where=f"{render.student.name}:{mine[-1].lineno}",
            ),
        )
    thread = texts.YOUR_CODE if mine else texts.THE_TEST
    if failure.thread != "MainThread":
        thread = texts.A_THREAD.format(thread=failure.thread)
    return Failed(
        Kind.RAISED,
        texts.RAISED.format(
            thread=thread,
            type_name=failure.type_name,
            message=failure.message,
            where=render.where(failure.frames),
            hint=Lines(
                [
                    lesson
                    for pattern, lesson in context.hints.items()
                    if re.search(pattern, f"{failure.type_name}: {failure.message}")
                ]
            ),
            traceback=render.traceback(failure),
        ),
    )
