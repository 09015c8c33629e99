"""`kata hint NN [--level K]`: graded hints. Level 1 is a nudge, then the mechanism, then a
near-solution; without --level each call shows the level after the highest one seen so far (the
last one again once it was seen). In a student's workspace the hints come from the installed
katas (see `katakit.catalog.keeper`)."""

from __future__ import annotations

import argparse

from katakit import catalog
from katakit.catalog import Kata
from katakit.cli import args as kata_args
from katakit.cli import state, texts, ui


def register(commands: argparse._SubParsersAction) -> None:
    """Add `kata hint NN [--level K]`."""
    parser = commands.add_parser("hint", help="the next hint for a kata, one level at a time")
    kata_args.add_kata(parser)
    parser.add_argument(
        "--level", "-l", type=kata_args.positive, metavar="K", help="show hint K (1: a nudge, 3: a near-solution)"
    )
    parser.set_defaults(run=run)


def level_name(level: int) -> str:
    """What hint `level` gives: "a nudge", "the mechanism", "a near-solution" (hints.toml's hints
    in order), else "hint K"."""
    try:
        return getattr(texts, f"HINT_LEVEL_{level}")
    except AttributeError:
        return texts.HINT_LEVEL.format(level=level)


def next_level(kata: Kata, count: int) -> int | None:
    """The level after the highest seen of `count` hints (1 before any), or None once the last
    one was seen."""
    upcoming = max(state.hint_levels_seen(kata), default=0) + 1
    return upcoming if upcoming <= count else None


def what_next(kata: Kata, count: int) -> str:
    """The closing line: which hint plain `kata hint NN` shows next, or that none is left."""
    number = kata.number
    upcoming = next_level(kata, count)
    if upcoming is not None:
        return texts.HINT_NEXT.format(
            hint=ui.command(f"kata hint {number}"), level=upcoming, name=level_name(upcoming)
        )
    skipped = [level for level in range(1, count + 1) if level not in state.hint_levels_seen(kata)]
    if not skipped:
        return texts.HINT_ALL_SEEN.format(number=number)
    return texts.HINT_LAST.format(
        number=number,
        level=skipped[0],
        name=level_name(skipped[0]),
        hint=ui.command(f"kata hint {number} --level {skipped[0]}"),
    )


def show(kata: Kata, hints: tuple[str, ...], level: int) -> None:
    """Print hint `level`, the docs to read, and what to ask for next."""
    heading = texts.HINT_HEADING.format(
        number=kata.number, level=level, count=len(hints), name=level_name(level)
    )
    ui.say(ui.paint(heading, "bold"))
    ui.say()
    ui.say(ui.wrap(hints[level - 1]))
    ui.say()
    ui.say(texts.HINT_DOCS)
    for link in kata.docs:
        ui.say(f"  {link}")
    ui.say(what_next(kata, len(hints)))


def run(args: argparse.Namespace) -> int:
    """Show a hint and remember its level; exit 0, or 2 for a level out of range."""
    kata = args.kata
    hints = catalog.keeper(kata).hints
    if not hints:
        ui.error(texts.HINT_NONE.format(number=kata.number))
        return 1
    level = args.level or next_level(kata, len(hints)) or len(hints)
    if level > len(hints):
        ui.error(texts.HINT_OUT_OF_RANGE.format(number=kata.number, count=len(hints), level=level))
        return 2
    state.saw_hint(kata, level)
    show(kata, hints, level)
    return 0
