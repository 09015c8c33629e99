"""`kata solution NN`: the reference solution with its comments, once the student's file passes.
Before that it says why not and exits 1. In a student's workspace the solution comes from the
installed katas (see `katakit.catalog.keeper`)."""

from __future__ import annotations

import argparse

from katakit import catalog, grading
from katakit.catalog import Kata
from katakit.cli import args as kata_args
from katakit.cli import state, texts, ui
from katakit.cli.check import verdict


def register(commands: argparse._SubParsersAction) -> None:
    """Add `kata solution NN`."""
    parser = commands.add_parser("solution", help="the reference solution, once your kata passes")
    kata_args.add_kata(parser)
    parser.set_defaults(run=run)


def refusal(kata: Kata) -> str | None:
    """Why the solution stays closed for the current file, or None when it passes."""
    number = kata.number
    if state.is_pristine(kata):
        return texts.SOLUTION_NOT_STARTED.format(number=number, path=ui.where(kata.student_file()))
    run, _ = verdict(kata)
    if run.state == "passed":
        return None
    word = grading.verdict_word(run.state)
    return texts.SOLUTION_NOT_PASSING.format(
        number=number, state=word, passed=run.passed, total=len(run.tests)
    )


def run(args: argparse.Namespace) -> int:
    """Print the reference solution if the kata passes, else why not and exit 1."""
    kata = args.kata
    why = refusal(kata)
    if why is not None:
        number = kata.number
        ui.say(why)
        check = ui.command(f"kata check {number}")
        hint = ui.command(f"kata hint {number}")
        ui.say(texts.SOLUTION_CLOSED.format(number=number, check=check, hint=hint))
        return 1
    solution = catalog.keeper(kata).solution
    heading = texts.SOLUTION_HEADING.format(number=kata.number, path=ui.where(solution))
    ui.say(ui.paint(heading, "green"))
    ui.say()
    ui.say(solution.read_text(encoding="utf-8").rstrip())
    return 0
