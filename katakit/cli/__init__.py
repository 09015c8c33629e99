"""The `kata` command: a student's way through the katas.

Each command is one module of this package with ``register(commands)``, which adds its
subparser and sets ``run(args) -> exit code`` as its default; a new command is one module plus
one line in COMMANDS.
"""

from __future__ import annotations

import argparse
import io
import os
import sys

from katakit.cli import check, grade, grade_all, hint, list_cmd, reset, solution, stress, verify, watch

#: The commands, in the order `kata --help` lists them.
COMMANDS = (list_cmd, check, hint, watch, reset, solution, stress, verify, grade, grade_all)


def parser() -> argparse.ArgumentParser:
    """The parser of `kata` with every command's subparser."""
    kata = argparse.ArgumentParser(
        prog="kata",
        description="Work through the concurrency katas: list them, check one, get hints.",
        epilog="Without a command, kata lists the katas.",
    )
    kata.set_defaults(run=list_cmd.run)
    commands = kata.add_subparsers(title="commands", metavar="COMMAND")
    for module in COMMANDS:
        module.register(commands)
    return kata


def main(argv: list[str] | None = None) -> int:
    """Run the `kata` command line `argv` (default: sys.argv) and return its exit code."""
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")  # a title or hint the terminal cannot show
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `kata list | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
