"""Grading: a submission's student files judged by the installed, pristine kata repo.

A *submission* is a student's copy of the repo. Only its student files are taken: for each kata
``katas/NN_topic/<module>.py`` (the module named in kata.toml), a regular file reached without a
symbolic link, of at most MAX_FILE_BYTES. Everything else (the tests, conftest files, the pytest
configuration, the plugin and the judge) comes from the reference workspace the katas are read
from (the instructor's pristine copy): what a submission holds besides its student files is
never read. Every student file of a submission is read before any
student code runs.

Each kata is judged on its own: its file alone in a fresh temporary kata root, its tests in a
pytest subprocess confined by `runner.run_confined` (resource limits, a session of its own, a
wall-clock limit, every process it started killed afterwards). A kata earns
``points × passed / total`` (points from kata.toml; skipped tests do not count) and gets one of
the VERDICTS. Only this process writes results: the formats below return text, and the commands
write it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Sequence

from katakit import confine, runner
from katakit.catalog import Kata
from katakit.deadlines import SCALE_ENV, parse_scale
from katakit.kinds import CRASHES, STUCKS
from katakit.runner import KataRun, TestVerdict

#: What each verdict of a kata means, best first.
VERDICTS = {
    "passed": "every test passed",
    "failing": "some tests failed",
    "stuck": "some tests were stuck: they did not finish within the judge's deadline",
    "crashed": "no test could run the code: it raised or exited at import",
    "missing": "the submission has no student file the grader takes for this kata",
    "timeout": "the kata's tests were stopped at the wall-clock limit",
    "error": "pytest judged no test of the kata",
}
#: The largest student file taken from a submission.
MAX_FILE_BYTES = 256 * 1024
#: Seconds of wall-clock time each kata's tests may take, before the deadline scale.
TIME_LIMIT = 120.0
#: Resource limits of every process of a graded run.
LIMITS = confine.Limits()
#: Variables of this environment not passed on: they would change how Python or pytest run.
DROPPED_VARIABLES = ("PYTHONPATH", "PYTHONSTARTUP")
DROPPED_PREFIX = "PYTEST_"

# --- taking the student files -------------------------------------------------------------------


class Rejected(Exception):
    """A student file the grader does not take; the message says why."""


def student_path(kata: Kata) -> PurePosixPath:
    """Where a submission keeps `kata`'s student file."""
    return PurePosixPath("katas", kata.folder, f"{kata.module}.py")


def read_at_most(fd: int, size: int) -> bytes:
    """Up to `size` bytes from `fd`."""
    chunks = []
    left = size
    while left > 0 and (chunk := os.read(fd, left)):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_student_file(submission: Path, kata: Kata) -> bytes:
    """The content of `kata`'s student file in `submission`; `Rejected` when it is missing, is
    not a regular file, is reached through a symbolic link, or is larger than MAX_FILE_BYTES."""
    relative = student_path(kata)
    path = submission
    for part in relative.parts:
        path = path / part
        if path.is_symlink():
            link = path.relative_to(submission).as_posix()
            raise Rejected(f"{relative} is not taken: {link} is a symbolic link")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except (FileNotFoundError, NotADirectoryError):
        raise Rejected(f"there is no {relative}") from None
    except OSError as exc:
        raise Rejected(f"{relative} cannot be read: {exc.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Rejected(f"{relative} is not taken: it is not a regular file")
        data = read_at_most(fd, MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise Rejected(f"{relative} cannot be read: {exc.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise Rejected(f"{relative} is not taken: it is larger than {MAX_FILE_BYTES // 1024} KiB")
    return data


def collect(submission: Path, katas: Sequence[Kata]) -> dict[str, bytes | Rejected]:
    """Each kata's student file in `submission` (by kata folder), or why it is not taken."""
    sources: dict[str, bytes | Rejected] = {}
    for kata in katas:
        try:
            sources[kata.folder] = read_student_file(submission, kata)
        except Rejected as exc:
            sources[kata.folder] = exc
    return sources


# --- grades -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KataGrade:
    """The grade of one kata of one submission."""

    kata: Kata
    verdict: str  # a key of VERDICTS
    detail: str  # why, in a line ("" for a pass)
    tests: tuple[TestVerdict, ...]  # one per test, as the judge saw it
    seconds: float
    output: str = ""  # what pytest printed

    @property
    def counted(self) -> list[TestVerdict]:
        """The tests that count: all but the skipped ones."""
        return [t for t in self.tests if t.outcome != "skipped"]

    @property
    def passed(self) -> int:
        """How many tests passed."""
        return sum(t.outcome == "passed" for t in self.counted)

    @property
    def total(self) -> int:
        """How many tests count."""
        return len(self.counted)

    @property
    def failures(self) -> list[TestVerdict]:
        """The tests that count and did not pass."""
        return [t for t in self.counted if t.outcome != "passed"]

    @property
    def max_score(self) -> int:
        """The kata's points, from its kata.toml."""
        return self.kata.points

    @property
    def score(self) -> float:
        """Partial credit: the kata's points times the share of its tests that passed."""
        return self.kata.points * self.passed / self.total if self.total else 0.0


@dataclass(frozen=True)
class Grade:
    """The grade of one submission: one KataGrade per kata graded."""

    submission: str
    katas: tuple[KataGrade, ...]
    seconds: float

    @property
    def score(self) -> float:
        """The points earned, over every kata graded."""
        return sum(k.score for k in self.katas)

    @property
    def max_score(self) -> int:
        """The points of every kata graded."""
        return sum(k.max_score for k in self.katas)


#: Outcomes that are not failures.
FINE = ("passed", "skipped")


def merged(tests: Sequence[TestVerdict]) -> tuple[TestVerdict, ...]:
    """One verdict per test name: a failed setup or teardown outweighs a passed call."""
    by_name: dict[str, TestVerdict] = {}
    for test in tests:
        kept = by_name.get(test.name)
        if kept is None or (kept.outcome in FINE and test.outcome not in FINE):
            by_name[test.name] = test
    return tuple(by_name.values())


def first_line(text: str) -> str:
    """The first non-blank line of `text`, or ""."""
    return next(iter(text.strip().splitlines()), "")


def verdict_of(tests: Sequence[TestVerdict]) -> tuple[str, str]:
    """The verdict on a kata whose tests ran, and why in one line."""
    counted = [t for t in tests if t.outcome != "skipped"]
    failed = [t for t in counted if t.outcome != "passed"]
    if not counted:
        return "error", "pytest judged no test of this kata"
    if not failed:
        return "passed", ""
    if all(t.kind in CRASHES for t in counted):  # the code never ran
        return "crashed", first_line(failed[0].message)
    stuck = [t for t in failed if t.kind in STUCKS]
    if stuck:
        first = first_line(stuck[0].message)
        return "stuck", f"{len(stuck)} of {len(counted)} tests stuck; first: {first}"
    return "failing", f"{len(failed)} of {len(counted)} tests failed"


def environment() -> dict[str, str]:
    """This process's environment without what would change how Python or pytest run, and
    with pytest's plugin autoloading off."""
    kept = {
        key: value
        for key, value in os.environ.items()
        if key not in DROPPED_VARIABLES and not key.startswith(DROPPED_PREFIX)
    }
    return {**kept, **runner.NO_AUTOLOAD}


def default_time_limit() -> float:
    """TIME_LIMIT times the deadline scale of the environment (KATA_TIMEOUT_SCALE)."""
    return TIME_LIMIT * parse_scale(os.environ.get(SCALE_ENV))


def judged(kata: Kata, source: bytes, time_limit: float, limits: confine.Limits) -> KataRun:
    """`kata`'s tests run confined against `source`, alone in a fresh kata root."""
    with tempfile.TemporaryDirectory(prefix="kata-grade-", ignore_cleanup_errors=True) as tmp:
        student = kata.student_file(Path(tmp))
        student.parent.mkdir()
        student.write_bytes(source)
        return runner.run_confined(kata, Path(tmp), limits, time_limit, environment())


def grade_kata(
    kata: Kata, source: bytes | Rejected, time_limit: float, limits: confine.Limits = LIMITS
) -> KataGrade:
    """The grade of `kata` for `source` (its student file, or why there is none)."""
    if isinstance(source, Rejected):
        return KataGrade(kata, "missing", str(source), (), 0.0)
    started = time.monotonic()
    try:
        run = judged(kata, source, time_limit, limits)
    except subprocess.TimeoutExpired as exc:
        detail = f"stopped at the wall-clock limit of {time_limit:g} s"
        return KataGrade(kata, "timeout", detail, (), time.monotonic() - started, exc.output or "")
    except (ValueError, KeyError, TypeError) as exc:  # results not as the plugin writes them
        return KataGrade(kata, "error", f"unreadable results: {exc!r}", (), time.monotonic() - started)
    tests = merged(run.tests)
    verdict, detail = verdict_of(tests)
    return KataGrade(kata, verdict, detail, tests, time.monotonic() - started, run.output)


def grade_sources(
    name: str,
    katas: Sequence[Kata],
    sources: dict[str, bytes | Rejected],
    jobs: int = 2,
    time_limit: float | None = None,
    limits: confine.Limits = LIMITS,
) -> Grade:
    """The grade of the student files `sources` (from `collect`), up to `jobs` katas at once."""
    limit = time_limit or default_time_limit()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        grades = pool.map(lambda kata: grade_kata(kata, sources[kata.folder], limit, limits), katas)
        return Grade(name, tuple(grades), time.monotonic() - started)


def grade(
    submission: Path,
    katas: Sequence[Kata],
    jobs: int = 2,
    time_limit: float | None = None,
    limits: confine.Limits = LIMITS,
) -> Grade:
    """The grade of the submission in folder `submission` on `katas`."""
    return grade_sources(str(submission), katas, collect(submission, katas), jobs, time_limit, limits)


def broken(name: str, katas: Sequence[Kata], error: Exception) -> Grade:
    """The grade of a submission whose grading failed: every kata an error, with the reason."""
    why = f"grading failed: {error!r}"
    return Grade(name, tuple(KataGrade(k, "error", why, (), 0.0) for k in katas), 0.0)


def collect_all(folders: Sequence[Path], katas: Sequence[Kata]) -> dict[str, dict | Exception]:
    """The student files of each submission (by folder name), or what went wrong reading them."""
    found: dict[str, dict | Exception] = {}
    for path in folders:
        try:
            found[path.name] = collect(path, katas)
        except Exception as exc:
            found[path.name] = exc
    return found


def grade_or_broken(name: str, katas: Sequence[Kata], sources: dict | Exception, **options) -> Grade:
    """`grade_sources` for one submission of a class; never raises, so the others go on."""
    if isinstance(sources, Exception):
        return broken(name, katas, sources)
    try:
        return grade_sources(name, katas, sources, jobs=1, **options)
    except Exception as exc:
        return broken(name, katas, exc)


def submissions(folder: Path) -> list[Path]:
    """The submissions in `folder`: its sub-folders, by name, hidden ones left out."""
    found = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return sorted(found, key=lambda p: p.name)


def grade_all(
    folder: Path,
    katas: Sequence[Kata],
    jobs: int = 2,
    progress: Callable[[Grade, int, int], None] = lambda grade, done, total: None,
    **options,
) -> list[Grade]:
    """The grade of every submission in `folder`, `jobs` submissions at once, sorted by name.

    `progress(grade, done, total)` is called in this thread as each submission is graded.
    """
    sources = collect_all(submissions(folder), katas)  # every file read before any code runs
    grades = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [
            pool.submit(grade_or_broken, name, katas, found, **options)
            for name, found in sources.items()
        ]
        for done, future in enumerate(as_completed(futures), 1):
            grades.append(future.result())
            progress(grades[-1], done, len(futures))
    return sorted(grades, key=lambda g: g.submission)


# --- formats ------------------------------------------------------------------------------------


def points(value: float) -> str:
    """A score as written in reports: at most two decimals ("7.14", "10")."""
    return f"{round(value, 2):g}"


def failure_lines(kata_grade: KataGrade) -> list[str]:
    """Each failed test of the kata, and under the tests that failed alike their teaching
    message, once."""
    alike: dict[tuple[str, str | None], list[str]] = {}
    for test in kata_grade.failures:
        alike.setdefault((test.message, test.kind), []).append(test.name)
    lines = []
    for (message, kind), names in alike.items():
        lines.extend(f"  ✗ {name}" + (f" ({kind})" if kind in STUCKS else "") for name in names)
        lines.extend(f"      {line}".rstrip() for line in message.splitlines())
    return lines


def kata_summary(kata_grade: KataGrade) -> str:
    """One line: the kata's score, verdict, tests passed and why."""
    k = kata_grade
    tests = f"{k.passed}/{k.total} tests" if k.total else "no test ran"
    why = f": {k.detail}" if k.detail else ""
    return f"{k.kata.folder}: {points(k.score)}/{k.max_score} points, {k.verdict}, {tests}{why}"


def text(grade: Grade) -> str:
    """The grade for a person: a line per kata, then the failures with their teaching messages."""
    lines = [f"Grade of {grade.submission}", ""]
    lines += [kata_summary(k) for k in grade.katas]
    total = f"Total: {points(grade.score)}/{grade.max_score} points"
    lines += ["", f"{total} (graded in {grade.seconds:.1f} s)"]
    for k in grade.katas:
        if k.failures:
            lines += ["", f"Failures in {k.kata.folder}:", *failure_lines(k)]
    return "\n".join(lines) + "\n"


def kata_json(kata_grade: KataGrade) -> dict:
    """One kata's grade as plain data, with each test's verdict."""
    k = kata_grade
    return {
        "kata": k.kata.folder,
        "title": k.kata.title,
        "score": round(k.score, 2),
        "max_score": k.max_score,
        "verdict": k.verdict,
        "detail": k.detail,
        "passed": k.passed,
        "total": k.total,
        "seconds": round(k.seconds, 2),
        "tests": [
            {"name": t.name, "outcome": t.outcome, "kind": t.kind, "message": t.message} for t in k.tests
        ],
        "output": k.output if k.verdict in ("timeout", "error") else "",
    }


def json_report(grade: Grade) -> dict:
    """The grade as plain data: totals, then each kata with each test's verdict."""
    return {
        "submission": grade.submission,
        "score": round(grade.score, 2),
        "max_score": grade.max_score,
        "execution_time": round(grade.seconds, 2),
        "katas": [kata_json(k) for k in grade.katas],
    }


GRADESCOPE_NOTE = (
    "Graded by the instructor's copy of the katas: only your student files were taken from your "
    "submission; the tests, their configuration and the judge are the instructor's."
)


def gradescope(grade: Grade) -> dict:
    """Gradescope's results.json: one test entry per kata, with its failures' teaching messages."""
    return {
        "score": round(grade.score, 2),
        "max_score": grade.max_score,
        "execution_time": round(grade.seconds),
        "output": f"{GRADESCOPE_NOTE}\nTotal: {points(grade.score)}/{grade.max_score} points.",
        "tests": [
            {
                "name": f"{k.kata.folder}: {k.kata.title}",
                "score": round(k.score, 2),
                "max_score": k.max_score,
                "status": "passed" if k.verdict == "passed" else "failed",
                "output": "\n".join([kata_summary(k), *failure_lines(k)]),
            }
            for k in grade.katas
        ],
    }


def junit_suite(kata_grade: KataGrade) -> ET.Element:
    """One <testsuite> per kata; a kata that ran no test is one <testcase> in error."""
    k = kata_grade
    outcomes = [t.outcome for t in k.tests]
    suite = ET.Element(
        "testsuite",
        name=k.kata.folder,
        tests=str(len(outcomes) or 1),
        failures=str(outcomes.count("failed")),
        errors=str(outcomes.count("error") + (not outcomes)),
        skipped=str(outcomes.count("skipped")),
        time=f"{k.seconds:.3f}",
    )
    properties = ET.SubElement(suite, "properties")
    for name, value in (("score", points(k.score)), ("max_score", k.max_score), ("verdict", k.verdict)):
        ET.SubElement(properties, "property", name=name, value=str(value))
    if not k.tests:
        case = ET.SubElement(suite, "testcase", classname=k.kata.folder, name=k.verdict)
        ET.SubElement(case, "error", message=k.detail).text = k.output
    for test in k.tests:
        case = ET.SubElement(suite, "testcase", classname=k.kata.folder, name=test.name)
        if test.outcome == "skipped":
            ET.SubElement(case, "skipped")
        elif test.outcome != "passed":
            tag = "failure" if test.outcome == "failed" else "error"
            failure = ET.SubElement(case, tag, message=first_line(test.message), type=test.kind or "")
            failure.text = test.message
    return suite


def junit(grade: Grade) -> str:
    """The grade as JUnit XML: a <testsuite> per kata, a <testcase> per test."""
    suites = ET.Element("testsuites", name=f"kata grade {grade.submission}", time=f"{grade.seconds:.3f}")
    suites.extend(junit_suite(k) for k in grade.katas)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


FORMATS: dict[str, Callable[[Grade], str]] = {
    "text": text,
    "json": lambda grade: json.dumps(json_report(grade), indent=1) + "\n",
    "gradescope": lambda grade: json.dumps(gradescope(grade), indent=1) + "\n",
    "junit": junit,
}


def gradebook(grades: Sequence[Grade], katas: Sequence[Kata]) -> str:
    """CSV: a row per submission with its id, points per kata, total, and verdict per kata."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", *(k.folder for k in katas), "total", *(f"{k.folder} verdict" for k in katas)])
    for grade in grades:
        writer.writerow(
            [
                grade.submission,
                *(points(k.score) for k in grade.katas),
                points(grade.score),
                *(k.verdict for k in grade.katas),
            ]
        )
    return out.getvalue()
