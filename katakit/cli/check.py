"""`kata check NN [--verbose] [--again]`: run a kata's tests and show one line per behaviour, ✓
or ✗, with the teaching message of each failure; exit 0 when every test passes, else 1.

A file checked before gets its saved verdict back at once, and the output says so; --again runs
the tests anyway. On a terminal, a line on standard error counts the tests while they run."""

from __future__ import annotations

import argparse
import re

from katakit import grading, i18n
from katakit.catalog import Kata
from katakit.kinds import STUCKS
from katakit.cli import args as kata_args
from katakit.cli import state, texts, ui
from katakit.runner import KataRun, TestVerdict

#: Lines of pytest's output shown when no test could run.
OUTPUT_TAIL = 25


def register(commands: argparse._SubParsersAction) -> None:
    """Add `kata check NN [--verbose]`."""
    parser = commands.add_parser("check", help="run a kata's tests and show what each one says")
    kata_args.add_kata(parser)
    parser.add_argument("--verbose", "-v", action="store_true", help="also show pytest's full output")
    parser.add_argument(
        "--again", action="store_true", help="run the tests even if this exact file has a saved verdict"
    )
    parser.set_defaults(run=run)


def behaviour(name: str) -> str:
    """A test's name as a phrase: "test_main_joins[fork]" -> "main joins [fork]"."""
    match = re.fullmatch(r"(?:test_)?(?P<words>[^\[]*)(?P<params>\[.*\])?", name)
    phrase = match["words"].replace("_", " ")
    return f"{phrase} {match['params']}" if match["params"] else phrase


def verdict_line(test: TestVerdict) -> str:
    """One test's line, and under a failure the rule it checks and its indented teaching
    message."""
    if test.outcome in ("passed", "skipped"):
        mark = ui.tick() if test.outcome == "passed" else ui.paint("-", "dim")
        return f"{mark} {behaviour(test.name)}"
    stuck = test.kind in STUCKS
    label = ui.paint(f" ({grading.kind_word(test.kind)})", "yellow") if stuck else ""
    style = "yellow" if stuck else "red"
    rule = texts.CHECK_RULE.format(rule=test.rule)
    rules = [ui.paint(ui.wrap(rule, "    "), "bold")] if test.rule else []
    text = test.message_in(i18n.language())
    message = "\n".join(f"    {line}".rstrip() for line in text.splitlines())
    shown = [
        ui.paint("\n".join(f"    {line}".rstrip() for line in test.interleaving.splitlines()), "dim")
    ] if test.interleaving else []
    return "\n".join([f"{ui.cross(style)} {behaviour(test.name)}{label}", *rules, message, *shown])


def saved_note(run: KataRun, saved: str) -> str:
    """When a saved verdict was reached, and how to run the tests again."""
    again = ui.command(f"kata check {run.kata.number} --again")
    return texts.CHECK_SAVED.format(saved=saved, again=again)


def summary(run: KataRun, saved: str | None) -> str:
    """The closing verdict line."""
    sentence = texts.CHECK_PASSES if run.state == "passed" else texts.CHECK_IS
    counts = {"passed": run.passed, "total": len(run.tests)}
    word = grading.verdict_word(run.state)
    text = sentence.format(number=run.kata.number, state=word, **counts)
    note = texts.CHECK_SAVED_NOTE.format(note=saved_note(run, saved)) if saved else ""
    return ui.paint(text, ui.STATE_STYLES[run.state]) + (ui.paint(f" {note}", "dim") if note else "")


def advice(kata: Kata, run: KataRun) -> str:
    """What to do after this verdict; a pass names the next kata but never moves to it."""
    number = kata.number
    if run.state == "passed":
        upcoming = state.next_kata(kata)
        after = (
            texts.CHECK_NEXT.format(
                number=upcoming.number,
                title=upcoming.title_in(),
                check=ui.command(f"kata check {upcoming.number}"),
            )
            if upcoming
            else texts.CHECK_LAST
        )
        compare = texts.CHECK_COMPARE.format(solution=ui.command(f"kata solution {number}"))
        return f"{after}\n{compare}"
    return texts.CHECK_FIX.format(
        cross=ui.glyph("✗", "x"),
        hint=ui.command(f"kata hint {number}"),
        verbose=ui.command(f"kata check {number} --verbose"),
    )


def report(run: KataRun, saved: str | None, verbose: bool = False) -> None:
    """Print the verdict: pytest's output if asked, one line per test, the summary, advice."""
    if verbose:
        if saved:
            ui.say(ui.paint(texts.CHECK_SAVED_OUTPUT.format(note=saved_note(run, saved)), "dim"))
        ui.say(run.output.rstrip())
        ui.say()
    if run.state == "error":
        report_error(run, verbose)
        return
    heading = texts.CHECK_HEADING.format(number=run.kata.number, title=run.kata.title_in())
    ui.say(ui.paint(heading, "bold"))
    for test in run.tests:
        ui.say(verdict_line(test))
    ui.say()
    ui.say(summary(run, saved))
    ui.say(advice(run.kata, run))


def report_error(run: KataRun, verbose: bool) -> None:
    """No test ran: say so, with the end of pytest's output (which says why) unless all of it
    was shown."""
    ui.say(ui.paint(texts.CHECK_NO_TEST.format(number=run.kata.number), "red"))
    if not verbose:
        ui.say("\n".join(run.output.rstrip().splitlines()[-OUTPUT_TAIL:]))


def verdict(kata: Kata, again: bool = False) -> tuple[KataRun, str | None]:
    """The verdict on the kata's current files, and when it was saved if it is a saved one (see
    `state.current_run`); a person at a terminal sees the tests counted while they run."""
    with ui.running(texts.CHECK_RUNNING.format(number=kata.number)) as progress:
        return state.current_run(kata, again, progress)


def check(kata: Kata, verbose: bool = False, again: bool = False) -> KataRun:
    """Judge the kata's current files and report the verdict."""
    run, saved = verdict(kata, again)
    report(run, saved, verbose)
    return run


def run(args: argparse.Namespace) -> int:
    """Check the kata; exit 0 when it passes, else 1."""
    return 0 if check(args.kata, args.verbose, args.again).state == "passed" else 1
