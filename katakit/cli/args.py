"""Argument types shared by the commands of `kata`.

Katas are named on the command line by a number or a prefix of their folder's name, and looked
up in the workspace once it is known (after parsing: ``--repo`` may come anywhere), by
`resolve`.
"""

from __future__ import annotations

import argparse

from katakit.catalog import Workspace

KATA_HELP = "the kata: its number (1, 01) or a prefix of its name (process_w)"


def add_kata(parser: argparse.ArgumentParser, optional: bool = False) -> None:
    """Give `parser` the kata argument NN (optional: it may be left out)."""
    parser.add_argument("kata", nargs="?" if optional else None, metavar="NN", help=KATA_HELP)


def add_katas(parser: argparse.ArgumentParser) -> None:
    """Give `parser` the arguments NN ... (none: every kata)."""
    parser.add_argument("katas", nargs="*", metavar="NN", help="katas (default: all)")


def resolve(args: argparse.Namespace, workspace: Workspace) -> None:
    """Replace the kata names of `args` by the katas of `workspace`; LookupError names the katas
    when one does not match."""
    if isinstance(getattr(args, "kata", None), str):
        args.kata = workspace.find(args.kata)
    if getattr(args, "katas", None):
        args.katas = [workspace.find(key) for key in args.katas]


def positive(text: str) -> int:
    """A whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)
