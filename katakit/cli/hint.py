"""`kata hint NN [--level K]`: graded hints. Level 1 is a nudge, then the mechanism, then a
near-solution; without --level each call shows the lowest level not seen yet."""

from __future__ import annotations

import argparse

from katakit.catalog import Kata
from katakit.cli import args as kata_args
from katakit.cli import state, ui

#: What each hint level gives, from kata.toml's hints in order.
LEVELS = ("a nudge", "the mechanism", "a near-solution")


def register(commands: argparse._SubParsersAction) -> None:
    """Add `kata hint NN [--level K]`."""
    parser = commands.add_parser("hint", help="the next hint for a kata, one level at a time")
    kata_args.add_kata(parser)
    parser.add_argument(
        "--level", "-l", type=kata_args.positive, metavar="K", help="show hint K (1: a nudge, 3: a near-solution)"
    )
    parser.set_defaults(run=run)


def level_name(level: int) -> str:
    """What hint `level` gives: "a nudge", "the mechanism", "a near-solution"."""
    return LEVELS[level - 1] if level <= len(LEVELS) else f"hint {level}"


def next_level(kata: Kata) -> int | None:
    """The lowest level not seen yet, or None once every level was shown."""
    seen = state.hint_levels_seen(kata)
    return next((level for level in range(1, len(kata.hints) + 1) if level not in seen), None)


def show(kata: Kata, level: int) -> None:
    """Print hint `level`, the docs to read, and what to ask for next."""
    count = len(kata.hints)
    ui.say(ui.paint(f"Kata {kata.number}, hint {level} of {count} ({level_name(level)}):", "bold"))
    ui.say()
    ui.say(ui.wrap(kata.hints[level - 1]))
    ui.say()
    ui.say("In the Python docs:")
    for link in kata.docs:
        ui.say(f"  {link}")
    upcoming = next_level(kata)
    if upcoming is None:
        ui.say(f"You have seen every hint of kata {kata.number}.")
    else:
        ui.say(f"Next hint: {ui.command(f'kata hint {kata.number}')} shows hint {upcoming} ({level_name(upcoming)}).")


def run(args: argparse.Namespace) -> int:
    """Show a hint and remember its level; exit 0, or 2 for a level out of range."""
    kata = args.kata
    if not kata.hints:
        ui.error(f"kata {kata.number} has no hints")
        return 1
    level = args.level or next_level(kata) or len(kata.hints)
    if level > len(kata.hints):
        ui.error(f"kata {kata.number} has hints 1 to {len(kata.hints)}, not {level}")
        return 2
    state.saw_hint(kata, level)
    show(kata, level)
    return 0
