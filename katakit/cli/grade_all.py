"""`kata grade-all SUBMISSIONS_DIR --csv FILE [--jobs N] [--json DIR]`: grade a class.

Each folder in SUBMISSIONS_DIR is one submission, named by the folder. The gradebook gets a row
per submission, in order of name: its id, points per kata, total, verdict per kata, flags and
confinement; it is written once every submission is graded and every graded process is gone.
Progress goes to standard error as each submission is graded, then how far student code was
confined; a submission that breaks the grader gets a row of errors and the others go on.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from katakit import grading
from katakit.cli import args as kata_args
from katakit.cli import ui
from katakit.cli.grade import add_grading_options, chosen_katas, confinement, options


def register(commands: argparse._SubParsersAction) -> None:
    """Add `kata grade-all SUBMISSIONS_DIR --csv FILE [--jobs N] [--json DIR] [--katas L]`."""
    parser = commands.add_parser("grade-all", help="grade a folder of submissions into a CSV gradebook")
    parser.add_argument(
        "submissions", type=Path, metavar="SUBMISSIONS_DIR", help="one folder per submission"
    )
    parser.add_argument("--csv", type=Path, required=True, metavar="FILE", help="the gradebook to write")
    parser.add_argument(
        "--jobs",
        "-j",
        type=kata_args.positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help="submissions graded at once (default: one per core)",
    )
    parser.add_argument(
        "--json", type=Path, metavar="DIR", help="also write each grade to DIR/<id>.json"
    )
    add_grading_options(parser)
    parser.set_defaults(run=run, workspace="reference")


def progress(grade: grading.Grade, done: int, total: int) -> None:
    """One line on standard error per submission graded."""
    score = f"{grading.points(grade.score)}/{grade.max_score}"
    line = f"[{done}/{total}] {grade.submission}: {score} ({grade.seconds:.1f} s)"
    print(line, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    """Grade every submission, then write the gradebook (and the JSON grades)."""
    if not args.submissions.is_dir():
        ui.error(f"{args.submissions} is not a folder")
        return 2
    katas = chosen_katas(args)
    try:
        grades = grading.grade_all(args.submissions, katas, args.jobs, progress, **options(args))
    except grading.Unconfined as exc:
        ui.error(f"not graded: {exc}")
        return 3
    args.csv.write_text(grading.gradebook(grades, katas), encoding="utf-8")
    if args.json is not None:
        args.json.mkdir(parents=True, exist_ok=True)
        for grade in grades:
            text = grading.FORMATS["json"](grade)
            (args.json / f"{grade.submission}.json").write_text(text, encoding="utf-8")
    if grades:
        confinement(grades[0])
    ui.say(f"{len(grades)} submissions graded: {ui.where(args.csv)}")
    return 0
