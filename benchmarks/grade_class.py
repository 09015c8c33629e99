"""What grading a class costs: `kata grade-all` over a class of submissions built from kept files.

    python benchmarks/grade_class.py [--students 20] [--jobs 2] [--keep DIR]

Builds a class of `--students` submissions, each a student's copy of the katas in which every
student file is, in turn, the reference solution, a kept correct variant, a kept wrong solution
or the pristine stub (a fixed rotation, so every run grades the same class), then times
``kata grade-all CLASS --csv FILE --jobs N`` and prints the wall time and the gradebook's
totals. `--keep DIR` builds the class in DIR and keeps it; `--csv FILE` keeps the gradebook.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from katakit.catalog import Kata, Workspace

REPO = Path(__file__).resolve().parent.parent


def choices(kata: Kata) -> list[Path]:
    """What a student file of `kata` may be: solution, kept correct and wrong files, the stub."""
    return [kata.solution, *kata.kept("correct"), *kata.kept("wrong"), kata.pristine_stub]


def build(folder: Path, students: int) -> None:
    """`students` submissions in `folder`: submission i takes choice i * (kata + 1) of each kata."""
    katas = Workspace(REPO).katas()
    for student in range(students):
        submission = folder / f"student{student:02d}"
        for position, kata in enumerate(katas):
            options = choices(kata)
            source = options[(student * (position + 1)) % len(options)]
            target = kata.student_file(submission / "katas")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, metavar="DIR")
    parser.add_argument("--csv", type=Path, metavar="FILE", help="keep the gradebook in FILE")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="grade-class-") as tmp:
        folder = options.keep or Path(tmp) / "class"
        build(folder, options.students)
        book = options.csv or Path(tmp) / "gradebook.csv"
        command = [sys.executable, "-m", "katakit.cli", "grade-all", str(folder)]
        command += ["--csv", str(book), "--jobs", str(options.jobs)]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(done.stdout + done.stderr)
        with open(book, encoding="utf-8") as rows:
            totals = [(row["id"], row["total"]) for row in csv.DictReader(rows)]
    print(f"kata grade-all, {options.students} submissions, --jobs {options.jobs}: {seconds:.1f} s")
    print("  " + ", ".join(f"{name} {total}" for name, total in totals))


if __name__ == "__main__":
    main()
