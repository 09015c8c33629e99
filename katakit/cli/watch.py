"""`kata watch [NN]`: check a kata again on every save of its files and show the verdict.

It polls (every POLL_SECONDS) the fingerprint of every file the verdict depends on (the
student's file, the kata's rules, the judge: see `state.judged_files`), so it needs no file
events and no extra dependency; it names only the student's file, the one the student edits.
When the kata passes it says so and names the next kata, but keeps watching the same one: it
never moves on by itself. --max-checks ends it after N checks.
"""

from __future__ import annotations

import argparse
import time

from katakit.catalog import Kata, Workspace
from katakit.cli import args as kata_args
from katakit.cli import check, state, texts, ui

POLL_SECONDS = 0.3


def register(commands: argparse._SubParsersAction) -> None:
    """Add `kata watch [NN] [--max-checks N]`."""
    parser = commands.add_parser("watch", help="check a kata again on every save of its files")
    kata_args.add_kata(parser, optional=True)
    parser.add_argument(
        "--max-checks",
        type=kata_args.positive,
        metavar="N",
        help="stop after N checks (for scripts and tests); exit 0 if the last one passed",
    )
    parser.set_defaults(run=run)


def first_unpassed(workspace: Workspace) -> Kata | None:
    """The first kata in order not known to pass (runs nothing)."""
    return next((kata for kata in workspace.katas() if not state.known_to_pass(kata)), None)


def wait_for_change(kata: Kata, seen: str) -> None:
    """Poll until the judged files differ from fingerprint `seen` and hold still for one poll."""
    current = seen
    while True:
        time.sleep(POLL_SECONDS)
        latest = state.fingerprint(kata)
        if latest == current != seen:
            return
        current = latest


def run(args: argparse.Namespace) -> int:
    """Check the kata on every save until Ctrl-C or --max-checks."""
    kata = args.kata or first_unpassed(args.workspace)
    if kata is None:
        ui.say(texts.WATCH_NOTHING)
        return 0
    path = ui.where(kata.student_file())
    ui.say(ui.paint(texts.WATCH_START.format(number=kata.number, path=path), "bold"))
    checks = 0
    while True:
        seen = state.fingerprint(kata)
        checks += 1
        heading = texts.WATCH_CHECK.format(count=checks, time=time.strftime("%H:%M:%S"))
        ui.say(ui.paint(heading, "dim"))
        passed = check.check(kata).state == "passed"
        if args.max_checks and checks >= args.max_checks:
            return 0 if passed else 1
        ui.say(ui.paint(texts.WATCH_WAITING.format(path=path), "dim"))
        wait_for_change(kata, seen)
