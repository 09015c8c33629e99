"""`kata dev new NN_topic --module NAME` and `kata dev check [NN ...] [--fix] [--no-runs]`: for
the people who write katas.

`dev new` scaffolds a kata folder that already passes `dev check`; `dev check` checks every
kata's structure and that its stub fails and its solution passes (see `katakit.dev.structure`),
and exits 1 on any problem. With --fix it first rewrites what is generated from the catalogue:
the README's table of katas and the links in solutions/. Both refuse a student's workspace.
"""

from __future__ import annotations

import argparse
import time

from katakit import i18n
from katakit.catalog import Workspace
from katakit.cli import args as kata_args
from katakit.cli import ui
from katakit.dev import languages, scaffold, structure


def register(commands: argparse._SubParsersAction) -> None:
    """Add `kata dev new` and `kata dev check`."""
    parser = commands.add_parser("dev", help="for kata authors: scaffold a kata, check them all")
    dev = parser.add_subparsers(title="dev commands", metavar="COMMAND", required=True)
    new = dev.add_parser("new", help="scaffold a kata folder that passes `kata dev check`")
    new.add_argument("folder", metavar="NN_topic", help="the kata's folder name, like 07_gil")
    new.add_argument("--module", required=True, help="the student's module, like crunch")
    new.add_argument("--title", default="", help="the kata's title (default: from its topic)")
    new.set_defaults(run=run_new)
    check = dev.add_parser("check", help="check every kata's structure, stub and solution")
    kata_args.add_katas(check)
    check.add_argument("--fix", action="store_true", help="first regenerate the README's table and solutions/")
    check.add_argument("--no-runs", action="store_true", help="read the files only: run no test")
    check.set_defaults(run=run_check)


def in_kata_repo(workspace: Workspace) -> bool:
    """Whether `workspace` is the kata repo (or a copy of it); about a student's workspace, an
    error says where `kata dev` works."""
    if not workspace.is_students():
        return True
    ui.error(
        f"{workspace.root} is a student's workspace (made by `kata init`: its katas keep no "
        "solutions); kata dev works in the kata repo"
    )
    return False


def run_new(args: argparse.Namespace) -> int:
    """Scaffold the kata; exit 2 when the names are not right."""
    if not in_kata_repo(args.workspace):
        return 2
    try:
        path = scaffold.new(args.workspace, args.folder, args.module, args.title)
    except ValueError as exc:
        ui.error(str(exc))
        return 2
    ui.say(f"Made {ui.where(path)}: a placeholder kata that passes `kata dev check`.")
    ui.say("Edit the files inside that folder; `kata dev check` tells what is still missing.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Check the katas; exit 0 when nothing is wrong."""
    if not in_kata_repo(args.workspace):
        return 2
    started = time.monotonic()
    if args.fix:
        for change in structure.fix(args.workspace):
            ui.say(f"fixed {change}")
    report = structure.check(args.workspace, args.katas or None, runs=not args.no_runs)
    for where, problems in sorted(report.problems.items()):
        ui.say(f"{ui.cross()} {where or 'the workspace'}")
        for problem in problems:
            ui.say(ui.wrap(problem, "    "))
    seconds = time.monotonic() - started
    if report.ok:
        ui.say(f"{ui.tick()} {report.katas} kata(s) whole, in {seconds:.1f} s.")
        katas = [kata for kata in args.workspace.katas() if not args.katas or kata in args.katas]
        for lang in i18n.LANGUAGES:
            ui.say(f"  {languages.counts(katas, lang)}")
        return 0
    count = sum(len(p) for p in report.problems.values())
    ui.say(f"{count} problem(s), in {seconds:.1f} s.")
    return 1
