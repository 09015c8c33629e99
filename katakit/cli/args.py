"""Argument types shared by the commands of `kata`."""

from __future__ import annotations

import argparse

from katakit import catalog
from katakit.catalog import Kata


def kata(key: str) -> Kata:
    """The kata named by a number ("1", "01") or a name prefix ("01_pro", "process_w")."""
    try:
        return catalog.find(key)
    except (LookupError, ValueError) as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_kata(parser: argparse.ArgumentParser, optional: bool = False) -> None:
    """Give `parser` the kata argument NN (optional: it may be left out)."""
    parser.add_argument(
        "kata",
        type=kata,
        nargs="?" if optional else None,
        metavar="NN",
        help="the kata: its number (1, 01) or a prefix of its name (process_w)",
    )


def positive(text: str) -> int:
    """A whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)
