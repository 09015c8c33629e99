"""`kata grade [SUBMISSION_DIR] [--format F] [--output FILE]`: grade a student's copy of the repo
(default: the current folder) with the pristine tests of the reference copy (``--reference DIR``,
default: the katas installed with this package), in one of the formats of
`katakit.grading.FORMATS` (text, json, gradescope, classroom, junit).

Only the student files are taken from the submission (in its copy of the repo, or at its top);
see `katakit.grading`. Exit 0 once the grade is written, whatever the score; 2 when the
submission folder does not exist; 3 when --confined-only is given and student code cannot be
confined here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from katakit import grading
from katakit.catalog import Kata
from katakit.cli import args as kata_args
from katakit.cli import ui


def chosen_katas(args: argparse.Namespace) -> list[Kata]:
    """The katas to grade, each once, in order: those of --katas, else every kata."""
    katas = {kata.folder: kata for kata in args.katas or args.workspace.katas()}
    return [katas[folder] for folder in sorted(katas)]


def names(text: str) -> list[str]:
    """The kata names of a comma-separated list ("01,03", "3,semaphore")."""
    chosen = [key.strip() for key in text.split(",") if key.strip()]
    if not chosen:
        raise argparse.ArgumentTypeError("name at least one kata")
    return chosen


def seconds(text: str) -> float:
    """A positive number of seconds."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def add_grading_options(parser: argparse.ArgumentParser) -> None:
    """The options `kata grade` and `kata grade-all` share: --reference, --katas, --time-limit,
    --withhold-flagged and --confined-only."""
    parser.add_argument(
        "--reference",
        type=Path,
        metavar="DIR",
        help="the pristine copy of the kata repo whose tests grade (default: the katas "
        "installed with this package)",
    )
    parser.add_argument(
        "--katas",
        type=names,
        metavar="NN,NN",
        help="grade only these katas (default: every kata)",
    )
    parser.add_argument(
        "--time-limit",
        type=seconds,
        metavar="SECONDS",
        help=f"wall-clock limit of each kata's tests (default: {grading.TIME_LIMIT:g} s times "
        f"{grading.SCALE_ENV}); a kata stopped there scores 0",
    )
    parser.add_argument(
        "--withhold-flagged",
        action="store_true",
        help="give 0 to a kata whose file does what an honest solution never does (it is "
        "graded and flagged either way), until you have looked at it",
    )
    parser.add_argument(
        "--confined-only",
        action="store_true",
        help="run no student code (exit 3) where it cannot be confined",
    )


def options(args: argparse.Namespace) -> dict:
    """The grading options of the command line, for `grading.setup`."""
    return {
        "time_limit": args.time_limit,
        "withhold_flagged": args.withhold_flagged,
        "confined_only": args.confined_only,
    }


def confinement(grade: grading.Grade) -> None:
    """Say on standard error how far student code was confined."""
    print(grading.confinement(grade), file=sys.stderr, flush=True)


def register(commands: argparse._SubParsersAction) -> None:
    """Add `kata grade [SUBMISSION_DIR] [--format F] [--output FILE] [--katas L] [--jobs N]`."""
    parser = commands.add_parser("grade", help="grade a submission with the pristine tests")
    parser.add_argument(
        "submission",
        nargs="?",
        type=Path,
        default=Path("."),
        metavar="SUBMISSION_DIR",
        help="the student's copy of the repo (default: the current folder)",
    )
    parser.add_argument("--format", choices=tuple(grading.FORMATS), default="text", help="default: text")
    parser.add_argument("--output", "-o", type=Path, metavar="FILE", help="write the grade to FILE")
    parser.add_argument(
        "--jobs",
        "-j",
        type=kata_args.positive,
        default=2,
        metavar="N",
        help="katas graded at once (default: 2)",
    )
    add_grading_options(parser)
    parser.set_defaults(run=run, workspace="reference")


def write(content: str, output: Path | None) -> None:
    """`content` to the file `output`, or to standard output."""
    if output is None:
        ui.say(content.rstrip("\n"))
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(content, encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    """Grade the submission and write the grade in the chosen format."""
    if not args.submission.is_dir():
        ui.error(f"{args.submission} is not a folder")
        return 2
    try:
        submission = args.submission.resolve()
        grade = grading.grade(submission, chosen_katas(args), args.jobs, **options(args))
    except grading.Unconfined as exc:
        ui.error(f"not graded: {exc}")
        return 3
    if args.output is not None:
        confinement(grade)
    write(grading.FORMATS[args.format](grade), args.output)
    return 0
