"""`kata list` (and plain `kata`): every kata in order with its state, the progress, and the next
kata to do. It runs only the katas whose files changed since their saved verdict."""

from __future__ import annotations

import argparse

from katakit import grading
from katakit.catalog import Workspace
from katakit.cli import state, texts, ui
from katakit.cli.state import NOT_STARTED, Status


def register(commands: argparse._SubParsersAction) -> None:
    """Add `kata list`."""
    parser = commands.add_parser("list", help="every kata with its state, and the next one to do")
    parser.set_defaults(run=run)


def describe(status: Status) -> str:
    """The state of one kata as a word, with its passed tests when some ran."""
    word = grading.verdict_word(status.state)
    if status.state in ("failing", "stuck"):
        return f"{word} {status.passed}/{status.total}"
    return word


def line(status: Status, is_next: bool) -> str:
    """One kata's line: pointer, mark, number, state, title."""
    pointer = ui.paint(ui.glyph("→", ">"), "bold") if is_next else " "
    label = ui.paint(ui.pad(describe(status), 13), ui.STATE_STYLES[status.state])
    return f"{pointer} {ui.mark(status.state)} {status.kata.number}  {label} {status.kata.title_in()}"


def first_to_do(statuses: list[Status]) -> Status | None:
    """The first kata in order that does not pass yet."""
    return next((s for s in statuses if s.state != "passed"), None)


def what_next(status: Status | None, total: int) -> str:
    """The closing line: what to run next."""
    if status is None:
        return ui.paint(texts.LIST_ALL_PASS.format(total=total), "green")
    number = status.kata.number
    sentence = texts.LIST_START if status.state == NOT_STARTED else texts.LIST_GO_ON
    return sentence.format(
        number=number,
        check=ui.command(f"kata check {number}"),
        watch=ui.command(f"kata watch {number}"),
        hint=ui.command(f"kata hint {number}"),
    )


def statuses(workspace: Workspace) -> list[Status]:
    """The status of every kata, in order, running only what changed."""
    result = []
    for kata in workspace.katas():
        if not state.needs_run(kata):
            result.append(state.status(kata))
            continue
        with ui.running(texts.LIST_CHECKING.format(number=kata.number)) as progress:
            result.append(state.status(kata, progress))
    return result


def run(args: argparse.Namespace) -> int:
    """Print every kata with its state and the next one to do; exit 0."""
    found = statuses(args.workspace)
    passed = sum(s.state == "passed" for s in found)
    upcoming = first_to_do(found)
    ui.say(ui.paint(texts.LIST_HEADING.format(passed=passed, total=len(found)), "bold"))
    ui.say()
    for status in found:
        ui.say(line(status, status is upcoming))
    ui.say()
    ui.say(what_next(upcoming, len(found)))
    return 0
