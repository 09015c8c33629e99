"""`kata verify [NN ...] [--coverage | --coverage-only] [--html DIR] [-k EXPR]`: is the kata
repo sound?

For instructors after an edit: each kata against its solution (must pass), its pristine stub
(must fail), every kept wrong solution (must fail with its message) and correct variant (must
pass), as one table; with --coverage, the solutions' line and branch coverage too, which must be
100%; with --coverage-only, the coverage alone (CI judges every file in the repo's tests, and
measures the coverage apart). Exit 0 only when nothing surprised."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from katakit import verify
from katakit.cli import args as kata_args
from katakit.cli import ui


def register(commands: argparse._SubParsersAction) -> None:
    """Add `kata verify`."""
    parser = commands.add_parser("verify", help="check every kata against its solution, stub and kept variants")
    kata_args.add_katas(parser)
    parser.add_argument("--coverage", action="store_true", help="measure the solutions' coverage; below 100%% fails")
    parser.add_argument(
        "--coverage-only", action="store_true", help="only measure the solutions' coverage (no judging)"
    )
    parser.add_argument("--html", type=Path, metavar="DIR", help="with --coverage, write the HTML report to DIR")
    parser.add_argument(
        "-k", metavar="EXPR", help="with --coverage, only the solutions' tests matching EXPR (pytest -k)"
    )
    parser.set_defaults(run=run)


def table(checks: list[verify.KataCheck]) -> str:
    """One row per kata: its verdict on each kind of file."""
    rows = [f"  {'kata':<20} {'solution':<12} {'stub':<12} {'wrong':<14} {'correct':<10}"]
    for check in checks:
        mark = ui.tick() if not check.surprises else ui.cross()
        rows.append(
            f"{mark} {check.kata.folder:<20} {check.solution:<12} {check.stub:<12} "
            f"{check.wrong:<14} {check.correct:<10}"
        )
        rows.extend(f"    {surprise}" for surprise in check.surprises)
    return "\n".join(rows)


def run(args: argparse.Namespace) -> int:
    katas = args.katas or args.workspace.katas()
    extra = ("-k", args.k) if args.k else ()
    surprises = 0
    if not args.coverage_only:
        started = time.monotonic()
        checks = verify.verify(katas, progress=lambda line: ui.say(ui.paint(f"  {line}", "dim")))
        ui.say(f"Judged in {time.monotonic() - started:.1f} s.")
        ui.say(table(checks))
        surprises = sum(len(check.surprises) for check in checks)
    if args.coverage or args.coverage_only:
        result = verify.coverage_of_solutions(katas, extra, args.html)
        ui.say(result.report.rstrip())
        if args.html:
            ui.say(f"HTML report: {ui.where(args.html / 'index.html')}")
        if result.percent < 100:
            surprises += 1
            ui.say(ui.paint(f"Coverage of the solutions is {result.percent:.2f}%, not 100%.", "red"))
    ui.say(f"{surprises} surprise(s).")
    return 0 if surprises == 0 else 1
