"""`kata reset NN [--yes]`: put the pristine stub back in place of the student's file. It asks
first unless --yes is given, and keeps the student's version in .kata/backups/."""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from katakit.catalog import Kata
from katakit.cli import args as kata_args
from katakit.cli import state, texts, ui


def register(commands: argparse._SubParsersAction) -> None:
    """Add `kata reset NN [--yes]`."""
    parser = commands.add_parser("reset", help="start a kata over from its stub (keeps a backup)")
    kata_args.add_kata(parser)
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask first")
    parser.set_defaults(run=run)


def backup_path(kata: Kata) -> Path:
    """A new file in .kata/backups/NN_topic/ named after the module and the time."""
    folder = state.backups(kata)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"{kata.module}-{stamp}.py"
    copy = 1
    while path.exists():
        copy += 1
        path = folder / f"{kata.module}-{stamp}-{copy}.py"
    return path


def back_up(kata: Kata) -> Path:
    """Copy the student's file to a new backup and return where."""
    path = backup_path(kata)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(kata.student_file(), path)
    return path


def run(args: argparse.Namespace) -> int:
    """Restore the stub after a backup; exit 1 when declined."""
    kata = args.kata
    student = kata.student_file()
    if not kata.pristine_stub.is_file():
        ui.error(texts.RESET_NO_STUB.format(number=kata.number, path=ui.where(kata.pristine_stub)))
        return 1
    if state.is_pristine(kata):
        ui.say(texts.RESET_ALREADY.format(path=ui.where(student)))
        return 0
    if not args.yes and not ui.ask(texts.RESET_ASK.format(path=ui.where(student))):
        ui.say(texts.RESET_DECLINED)
        return 1
    backup = back_up(kata) if student.exists() else None
    shutil.copyfile(kata.pristine_stub, student)
    ui.say(texts.RESET_DONE.format(path=ui.where(student)))
    if backup is not None:
        ui.say(texts.RESET_BACKUP.format(path=ui.where(backup)))
    return 0
