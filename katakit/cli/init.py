"""`kata init DIR`: make a student's workspace in DIR (a new or empty folder): the installed katas
without their hints and reference solutions (see `katakit.student`). A student works there, and
`kata hint` and `kata solution` read what it lacks from the install; an instructor makes the
template repository of a class the same way."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from katakit import student
from katakit.cli import texts, ui


def register(commands: argparse._SubParsersAction) -> None:
    """Add `kata init DIR`."""
    parser = commands.add_parser("init", help="make a student's workspace: the katas without hints or solutions")
    parser.add_argument("folder", type=Path, metavar="DIR", help="the workspace to make: a new or empty folder")
    parser.set_defaults(run=run, workspace="reference")


def run(args: argparse.Namespace) -> int:
    """Make the workspace; exit 2 when DIR holds anything already."""
    try:
        made = student.make(args.workspace, args.folder)
    except ValueError as exc:
        ui.error(str(exc))
        return 2
    folder = ui.where(made.root)
    count = len(made.katas())
    ui.say(texts.INIT_MADE.format(folder=folder, count=count, reference=args.workspace.root))
    ui.say(texts.INIT_NEXT.format(cd=ui.command(f"cd {folder}"), kata=ui.command("kata")))
    if sys.prefix != sys.base_prefix:
        activate = Path(sys.prefix) / "bin" / "activate"
        ui.say(texts.INIT_ACTIVATE.format(activate=ui.command(f". {activate}")))
    return 0
