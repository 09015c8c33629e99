"""The `kata` command: a student's way through the katas.

Each command is one module of this package with ``register(commands)``, which adds its
subparser and sets ``run(args) -> exit code`` as its default; a new command is one module plus
one line in COMMANDS.

Every command works on a workspace, found before it runs (`locate`): the student's, from
``--repo``, else KATA_REPO, else the nearest folder at or above the current one that holds
``katas/``; or, for the grading commands and `kata init` (``workspace="reference"``), the
pristine copy of the katas, from ``--reference``, else the install. The command gets it as
``args.workspace``, and its kata names already looked up there.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

from katakit import catalog, i18n
from katakit.catalog import NoWorkspace, Workspace
from katakit.cli import args as kata_args
from katakit.cli import ui
from katakit.cli import check, dev, grade, grade_all, hint, init, list_cmd, reset, solution, stress, verify, watch

#: The commands, in the order `kata --help` lists them.
COMMANDS = (list_cmd, check, hint, watch, reset, solution, init, stress, verify, grade, grade_all, dev)


def parser() -> argparse.ArgumentParser:
    """The parser of `kata` with every command's subparser."""
    kata = argparse.ArgumentParser(
        prog="kata",
        description="Work through the concurrency katas: list them, check one, get hints.",
        epilog="Without a command, kata lists the katas.",
    )
    kata.add_argument(
        "--repo",
        type=Path,
        metavar="DIR",
        help=f"the workspace: the folder that holds katas/ (default: {catalog.REPO_ENV}, else the "
        "nearest such folder at or above the current one)",
    )
    kata.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        help=f"the language to speak (default: {i18n.LANG_ENV}, else the locale's, else en)",
    )
    kata.set_defaults(run=list_cmd.run, workspace="student")
    commands = kata.add_subparsers(title="commands", metavar="COMMAND")
    for module in COMMANDS:
        module.register(commands)
    return kata


def locate(args: argparse.Namespace) -> Workspace:
    """The workspace the command works on (see the module's docstring)."""
    if args.workspace == "reference":
        if getattr(args, "reference", None) is not None:
            return catalog.find_workspace(explicit=args.reference)
        installed = catalog.installed()
        if installed is None:
            raise NoWorkspace(
                "this install of katakit holds no katas: name the pristine copy of the kata repo "
                "that grades with --reference DIR"
            )
        return installed
    return catalog.find_workspace(explicit=args.repo)


def main(argv: list[str] | None = None) -> int:
    """Run the `kata` command line `argv` (default: sys.argv) and return its exit code."""
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.lang:
        os.environ[i18n.LANG_ENV] = args.lang  # for this process and the pytest runs it starts
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")  # a title or hint the terminal cannot show
    try:
        args.workspace = locate(args)
        kata_args.resolve(args, args.workspace)
    except (NoWorkspace, LookupError) as exc:
        ui.error(str(exc))
        return 2
    try:
        return args.run(args)
    except NoWorkspace as exc:  # what a student's workspace lacks is not installed either
        ui.error(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `kata list | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
