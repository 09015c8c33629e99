"""Grading: a submission's student files judged by the installed, pristine kata repo.

A *submission* is a student's copy of the repo, or just their kata files. Only its student files
are taken: for each kata ``katas/NN_topic/<module>.py`` (the module named in kata.toml), or else
``<module>.py`` at the submission's top, a regular file reached without a symbolic link, of at
most MAX_FILE_BYTES. Everything else (the tests, conftest files, the pytest configuration, the
plugin and the judge) comes from the reference workspace the katas are read from (the
instructor's pristine copy): what a submission holds besides its student files is never read.

Before any student code runs, the grader reads every student file of the submissions, screens
each (`katakit.screening`: what an honest solution never does), counts each kata's tests from
the pristine copy (`runner.collected`) and finds out how far it can confine student code here
(`confine.Platform`). Then each kata is judged on its own: its file alone in a fresh kata root,
its tests in a pytest run in a `confine.Sandbox` (a uid of its own and namespaces where
possible, resource limits, a wall-clock limit, every process it started ended afterwards).
The grader trusts only what it made: a run that was killed, ended abnormally, or reported other
tests than the kata's own is an ``error`` worth 0.

A kata earns ``points × passed / total`` (points from kata.toml; skipped tests do not count), at
most half its points when one of its core rules failed (`Kata.core`), and 0 when it is flagged
and flagged katas are withheld; it gets one of the VERDICTS. Only this process writes results:
the formats below return text, and the commands write it once every graded process is gone.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import tempfile
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Iterator, Sequence

from katakit import confine, i18n, runner, screening
from katakit.catalog import Kata, Workspace
from katakit.deadlines import SCALE_ENV, parse_scale
from katakit.kinds import CRASHES, STUCKS
from katakit.runner import ConfinedRun, TestVerdict

#: What each verdict of a kata means, best first.
VERDICTS = {
    "passed": "every test passed",
    "failing": "some tests failed",
    "stuck": "some tests were stuck: they did not finish within the judge's deadline",
    "crashed": "no test could run the code: it raised or exited at import",
    "missing": "the submission has no student file the grader takes for this kata",
    "timeout": "the kata's tests were stopped at the wall-clock limit",
    "error": "the graded run did not report the kata's tests: it was killed, ended abnormally, "
    "or reported other tests",
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


def said(name: str) -> str:
    """The text NAME of the `kata` command's catalogue (its GRADE_ texts and the verdicts'
    words) in the current language, a plain string (see `katakit.cli.texts`)."""
    return str(i18n.Text(i18n.COMMAND, name))


def verdict_word(verdict: str) -> str:
    """A verdict or a kata's state ("passed", "missing", "not started") as the student reads it."""
    return said(f"STATE_{verdict.upper().replace(' ', '_')}")


def kind_word(kind: str) -> str:
    """How a stuck test failed ("deadlock") as the student reads it."""
    return said(f"KIND_{kind.upper()}")


# --- taking the student files -------------------------------------------------------------------


class Rejected(Exception):
    """A student file the grader does not take; the message says why."""


def student_paths(kata: Kata) -> tuple[PurePosixPath, PurePosixPath]:
    """Where a submission may keep `kata`'s student file: in its copy of the repo, else at its top
    (a submission of just the kata files)."""
    name = f"{kata.module}.py"
    return PurePosixPath("katas", kata.folder, name), PurePosixPath(name)


def read_at_most(fd: int, size: int) -> bytes:
    """Up to `size` bytes from `fd`."""
    chunks = []
    left = size
    while left > 0 and (chunk := os.read(fd, left)):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_student_file(submission: Path, kata: Kata) -> bytes:
    """The content of `kata`'s student file in `submission` (see `student_paths`); `Rejected`
    when there is none, or it is not a regular file, is reached through a symbolic link, or is
    larger than MAX_FILE_BYTES."""
    in_repo, flat = student_paths(kata)
    try:
        return read_file(submission, in_repo)
    except FileNotFoundError:
        pass
    try:
        return read_file(submission, flat)
    except FileNotFoundError:
        raise Rejected(said("GRADE_NO_FILE").format(path=in_repo, flat=flat)) from None


def read_file(submission: Path, relative: PurePosixPath) -> bytes:
    """The content of the file `relative` of `submission`; FileNotFoundError when there is none,
    `Rejected` when it is not taken."""
    path = submission
    for part in relative.parts:
        path = path / part
        if path.is_symlink():
            link = path.relative_to(submission).as_posix()
            raise Rejected(said("GRADE_LINK").format(path=relative, link=link))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except (FileNotFoundError, NotADirectoryError):
        raise FileNotFoundError(relative) from None
    except OSError as exc:
        unreadable = said("GRADE_UNREADABLE_FILE")
        raise Rejected(unreadable.format(path=relative, error=exc.strerror)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Rejected(said("GRADE_NOT_REGULAR").format(path=relative))
        data = read_at_most(fd, MAX_FILE_BYTES + 1)
    except OSError as exc:
        unreadable = said("GRADE_UNREADABLE_FILE")
        raise Rejected(unreadable.format(path=relative, error=exc.strerror)) from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise Rejected(said("GRADE_TOO_LARGE").format(path=relative, size=MAX_FILE_BYTES // 1024))
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
    flags: tuple[str, ...] = ()  # what the file does that an honest solution never does
    withheld: bool = False  # flagged, and flagged katas score 0 until the instructor has looked

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
    def core_failed(self) -> list[str]:
        """The kata's core rules that failed (in any of their parametrisations), in order."""
        failed = {t.name.split("[", 1)[0] for t in self.failures}
        return [name for name in self.kata.core if name in failed]

    @property
    def max_score(self) -> int:
        """The kata's points, from its kata.toml."""
        return self.kata.points

    @property
    def test_points(self) -> float:
        """The points of one test: the kata's points shared among the tests that count."""
        return self.kata.points / self.total if self.total else 0.0

    @property
    def earned(self) -> float:
        """Partial credit: the kata's points times the share of its tests that passed, at most
        half its points when a core rule failed."""
        share = self.test_points * self.passed
        return min(share, self.kata.points / 2) if self.core_failed else share

    @property
    def score(self) -> float:
        """The points it counts for: what it earned, or 0 when withheld."""
        return 0.0 if self.withheld else self.earned


@dataclass(frozen=True)
class Grade:
    """The grade of one submission: one KataGrade per kata graded."""

    submission: str
    katas: tuple[KataGrade, ...]
    seconds: float
    platform: confine.Platform  # how far student code was confined

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
        return "error", said("GRADE_NO_TEST_JUDGED")
    if not failed:
        return "passed", ""
    if all(t.kind in CRASHES for t in counted):  # the code never ran
        return "crashed", first_line(failed[0].message_in(i18n.language()))
    stuck = [t for t in failed if t.kind in STUCKS]
    if stuck:
        first = first_line(stuck[0].message_in(i18n.language()))
        detail = said("GRADE_SOME_STUCK").format(stuck=len(stuck), total=len(counted), first=first)
        return "stuck", detail
    return "failing", said("GRADE_SOME_FAILED").format(failed=len(failed), total=len(counted))


def assessed(
    run: ConfinedRun, expected: frozenset[str], time_limit: float
) -> tuple[str, str, tuple[TestVerdict, ...]]:
    """The verdict on a confined run, why, and its tests: only a pytest that ended by itself
    (exit code 0 or 1) and reported exactly the kata's tests, each once, is judged by them."""
    if run.returncode is None:
        return "timeout", said("GRADE_TIMEOUT").format(limit=time_limit), ()
    if run.returncode < 0:
        return "error", said("GRADE_KILLED").format(signal=-run.returncode), ()
    if run.returncode not in (0, 1):
        return "error", said("GRADE_EXIT_CODE").format(code=run.returncode), ()
    try:
        entries = run.entries
        reported = {entry["nodeid"] for entry in entries}
        tests = merged([TestVerdict.from_json(entry) for entry in entries])
    except (ValueError, KeyError, TypeError) as exc:  # not the plugin's results
        return "error", said("GRADE_UNREADABLE").format(error=exc), ()
    if reported != expected or len(tests) != len(expected):
        counts = {"results": len(tests), "reported": len(reported), "expected": len(expected)}
        return "error", said("GRADE_OTHER_TESTS").format(**counts), ()
    return (*verdict_of(tests), tests)


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


def secrets(workspace: Workspace) -> tuple[Path, ...]:
    """What student code must not read in the reference workspace: the reference solutions
    (and their links), the kept correct and wrong solutions, and the repository's history."""
    found = [workspace.solutions_dir, *git_folders(workspace.root)]
    for kata in workspace.katas():
        found += [kata.solution_dir, kata.meta / "wrong", kata.meta / "correct"]
    return tuple(path.resolve() for path in found if path.is_dir())


def git_folders(root: Path) -> list[Path]:
    """The git folders of the repository at `root`: its .git, or for a worktree the folder its
    .git file names and the repository's own .git."""
    dot_git = root / ".git"
    if dot_git.is_dir() or not dot_git.is_file():
        return [dot_git]
    named = Path(dot_git.read_text(encoding="utf-8").removeprefix("gitdir:").strip())
    named = named if named.is_absolute() else root / named
    common = named / "commondir"
    shared = named / common.read_text(encoding="utf-8").strip() if common.is_file() else named
    return [named, shared]


class Unconfined(Exception):
    """Grading was asked to be confined, and cannot be here; the message says why."""


@dataclass(frozen=True)
class Setup:
    """What every kata run of one grading shares, settled before any student code runs."""

    platform: confine.Platform
    hidden: tuple[Path, ...]  # folders student code must not read
    expected: dict[str, frozenset[str]]  # each kata's test ids, by folder, from the pristine copy
    time_limit: float
    limits: confine.Limits = LIMITS
    withhold_flagged: bool = False


def setup(
    katas: Sequence[Kata],
    submissions: Sequence[Path],
    time_limit: float | None = None,
    limits: confine.Limits = LIMITS,
    withhold_flagged: bool = False,
    confined_only: bool = False,
) -> Setup:
    """The `Setup` of grading `katas` of the submissions in the folders `submissions` (hidden
    from student code, with the reference's secrets); `Unconfined`, with `confined_only`, where
    student code cannot be confined."""
    workspace = katas[0].workspace
    hidden = secrets(workspace)
    with ThreadPoolExecutor(max_workers=1) as pool:  # two processes at once: half the wait
        counting = pool.submit(runner.collected, list(katas), environment())
        platform = confine.Platform.probe(workspace.root, hidden)
        expected = counting.result()
    if confined_only and not platform.confined:
        raise Unconfined(platform.summary())
    hidden += tuple(path.resolve() for path in submissions)
    limit = time_limit or default_time_limit()
    return Setup(platform, hidden, expected, limit, limits, withhold_flagged)


@contextmanager
def student_uid(platform: confine.Platform) -> Iterator[int | None]:
    """A uid of its own for the student code of one run, where the platform allows it."""
    with confine.student_uid_lease() if platform.student_uids else confine.no_lease() as uid:
        yield uid


def judged(kata: Kata, source: bytes, setup: Setup) -> ConfinedRun:
    """`kata`'s tests run confined against `source`, alone in a fresh kata root."""
    scratch = tempfile.TemporaryDirectory(prefix="kata-grade-", ignore_cleanup_errors=True)
    with scratch as tmp, student_uid(setup.platform) as uid:
        root = Path(tmp)
        student = kata.student_file(root)
        student.parent.mkdir()
        student.write_bytes(source)
        sandbox = confine.Sandbox(
            kata.workspace.root, setup.hidden, uid, setup.platform.namespaces, setup.limits, root
        )
        return runner.run_confined(kata, root, sandbox, setup.time_limit, environment())


def grade_kata(kata: Kata, source: bytes | Rejected, setup: Setup) -> KataGrade:
    """The grade of `kata` for `source` (its student file, or why there is none)."""
    if isinstance(source, Rejected):
        return KataGrade(kata, "missing", str(source), (), 0.0)
    flags = screening.flags(source, kata.allows)
    started = time.monotonic()
    run = judged(kata, source, setup)
    verdict, detail, tests = assessed(run, setup.expected[kata.folder], setup.time_limit)
    seconds = time.monotonic() - started
    withheld = bool(flags) and setup.withhold_flagged
    return KataGrade(kata, verdict, detail, tests, seconds, run.output, flags, withheld)


def grade_sources(
    name: str,
    katas: Sequence[Kata],
    sources: dict[str, bytes | Rejected],
    setup: Setup,
    jobs: int = 2,
) -> Grade:
    """The grade of the student files `sources` (from `collect`), up to `jobs` katas at once."""
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        grades = pool.map(lambda kata: grade_kata(kata, sources[kata.folder], setup), katas)
        return Grade(name, tuple(grades), time.monotonic() - started, setup.platform)


def grade(submission: Path, katas: Sequence[Kata], jobs: int = 2, **options) -> Grade:
    """The grade of the submission in folder `submission` on `katas`; `options` are those of
    `setup` (time_limit, limits, withhold_flagged, confined_only)."""
    sources = collect(submission, katas)  # read before any code runs
    shared = setup(katas, [submission], **options)
    return grade_sources(str(submission), katas, sources, shared, jobs)


def broken(name: str, katas: Sequence[Kata], error: Exception, platform: confine.Platform) -> Grade:
    """The grade of a submission whose grading failed: every kata an error, with the reason."""
    why = said("GRADE_BROKEN").format(error=error)
    return Grade(name, tuple(KataGrade(k, "error", why, (), 0.0) for k in katas), 0.0, platform)


def collect_all(folders: Sequence[Path], katas: Sequence[Kata]) -> dict[str, dict | Exception]:
    """The student files of each submission (by folder name), or what went wrong reading them."""
    found: dict[str, dict | Exception] = {}
    for path in folders:
        try:
            found[path.name] = collect(path, katas)
        except Exception as exc:
            found[path.name] = exc
    return found


def grade_or_broken(
    name: str, katas: Sequence[Kata], sources: dict | Exception, setup: Setup
) -> Grade:
    """`grade_sources` for one submission of a class; never raises, so the others go on."""
    if isinstance(sources, Exception):
        return broken(name, katas, sources, setup.platform)
    try:
        return grade_sources(name, katas, sources, setup, jobs=1)
    except Exception as exc:
        return broken(name, katas, exc, setup.platform)


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
    """The grade of every submission in `folder`, `jobs` submissions at once, sorted by name;
    `options` are those of `setup`.

    `progress(grade, done, total)` is called in this thread as each submission is graded.
    """
    sources = collect_all(submissions(folder), katas)  # every file read before any code runs
    shared = setup(katas, [folder], **options)
    grades = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [
            pool.submit(grade_or_broken, name, katas, found, shared)
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
        alike.setdefault((test.message_in(i18n.language()), test.kind), []).append(test.name)
    lines = []
    for (message, kind), names in alike.items():
        label = f" ({kind_word(kind)})" if kind in STUCKS else ""
        lines.extend(f"  ✗ {name}{label}" for name in names)
        lines.extend(f"      {line}".rstrip() for line in message.splitlines())
    return lines


def notes(kata_grade: KataGrade) -> list[str]:
    """What changed the kata's points besides its tests: a core rule failed, flags, withheld."""
    k = kata_grade
    found = []
    if k.core_failed and k.earned < k.test_points * k.passed:
        found.append(said("GRADE_CORE_FAILED").format(rules=", ".join(k.core_failed)))
    if k.flags:
        found.append(said("GRADE_FLAGGED").format(flags=", ".join(k.flags)))
    if k.withheld:
        found.append(said("GRADE_WITHHELD").format(earned=points(k.earned)))
    return found


def kata_summary(kata_grade: KataGrade) -> str:
    """One line: the kata's score, verdict, tests passed, why, and its notes."""
    k = kata_grade
    ran = said("GRADE_TESTS").format(passed=k.passed, total=k.total)
    tests = ran if k.total else said("GRADE_NO_TEST_RAN")
    return said("GRADE_KATA").format(
        kata=k.kata.folder,
        score=points(k.score),
        max_score=k.max_score,
        verdict=verdict_word(k.verdict),
        tests=tests,
        why=f": {k.detail}" if k.detail else "",
        notes="".join(f"; {note}" for note in notes(k)),
    )


def confinement(grade: Grade) -> str:
    """The line that says how far student code was confined ("confined: ..."/"unconfined: ...")."""
    return said("GRADE_CONFINEMENT").format(summary=grade.platform.summary())


def text(grade: Grade) -> str:
    """The grade for a person: a line per kata, then the failures with their teaching messages."""
    lines = [said("GRADE_HEADING").format(submission=grade.submission), "", confinement(grade), ""]
    lines += [kata_summary(k) for k in grade.katas]
    total = said("GRADE_TOTAL").format(score=points(grade.score), max_score=grade.max_score)
    lines += ["", said("GRADE_TOTAL_TIME").format(total=total, seconds=grade.seconds)]
    for k in grade.katas:
        if k.failures:
            lines += ["", said("GRADE_FAILURES").format(kata=k.kata.folder), *failure_lines(k)]
    return terminal_safe("\n".join(lines)) + "\n"


#: Control characters a terminal acts on (escape sequences that move the cursor, erase lines or
#: set the title), but for line feeds and tabs.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """`text` with each control character of `CONTROLS` written as \\xNN: what student code
    raised or printed cannot redraw a grade shown on a terminal (erase the real summary and
    print a fake one)."""
    return CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def kata_json(kata_grade: KataGrade) -> dict:
    """One kata's grade as plain data, with each test's verdict."""
    k = kata_grade
    return {
        "kata": k.kata.folder,
        "title": k.kata.title,
        "score": round(k.score, 2),
        "earned": round(k.earned, 2),
        "max_score": k.max_score,
        "verdict": k.verdict,
        "detail": k.detail,
        "passed": k.passed,
        "total": k.total,
        "core_failed": k.core_failed,
        "flags": list(k.flags),
        "withheld": k.withheld,
        "seconds": round(k.seconds, 2),
        "tests": [
            {"name": t.name, "outcome": t.outcome, "kind": t.kind, "message": t.message} for t in k.tests
        ],
        "output": k.output if k.verdict in ("timeout", "error") else "",
    }


def json_report(grade: Grade) -> dict:
    """The grade as plain data: totals and confinement, then each kata with each test's verdict."""
    return {
        "submission": grade.submission,
        "score": round(grade.score, 2),
        "max_score": grade.max_score,
        "confined": grade.platform.confined,
        "confinement": grade.platform.summary(),
        "execution_time": round(grade.seconds, 2),
        "katas": [kata_json(k) for k in grade.katas],
    }


@dataclass(frozen=True)
class Entry:
    """One line of a per-test report (Gradescope, GitHub Classroom): a test, a kata that ran no
    test, or an adjustment of a kata's points (a core rule failed, withheld)."""

    name: str
    passed: bool
    score: float
    max_score: float
    output: str


def entries(kata_grade: KataGrade, digits: int | None = None) -> list[Entry]:
    """The per-test report of one kata: its points shared among its tests (rounded to `digits`
    when given), then an entry for its notes (a failed core rule, flags, withheld) worth what
    they took off, so that the entries add up to the kata's score; a kata that ran no test is
    one entry worth its points."""
    k = kata_grade

    def rounded(value: float) -> float:
        return value if digits is None else round(value, digits)

    if not k.counted:
        name = f"{k.kata.folder}: {verdict_word(k.verdict)}"
        return [Entry(name, False, 0.0, k.max_score, kata_summary(k))]
    found = [
        Entry(
            f"{k.kata.folder} › {t.name}",
            t.outcome == "passed",
            rounded(k.test_points) if t.outcome == "passed" else 0.0,
            rounded(k.test_points),
            "\n".join(part for part in (t.rule, t.message_in(i18n.language())) if part),
        )
        for t in k.counted
    ]
    if notes(k):
        adjustment = rounded(k.score - sum(entry.score for entry in found))
        name = f"{k.kata.folder}: {'; '.join(notes(k))}"
        found.append(Entry(name, False, adjustment, 0, kata_summary(k)))
    return found


def gradescope(grade: Grade) -> dict:
    """Gradescope's results.json: a test entry per test of each kata, visible to the student."""
    return {
        "score": round(grade.score, 2),
        "max_score": grade.max_score,
        "execution_time": round(grade.seconds),
        "output": f"{said('GRADESCOPE_NOTE')}\n{confinement(grade)}\n"
        f"{said('GRADESCOPE_TOTAL').format(score=points(grade.score), max_score=grade.max_score)}",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [
            {
                "name": entry.name,
                "score": entry.score,
                "max_score": entry.max_score,
                "status": "passed" if entry.passed else "failed",
                "output": entry.output,
                "visibility": "visible",
            }
            for k in grade.katas
            for entry in entries(k, digits=2)
        ],
    }


def classroom(grade: Grade) -> dict:
    """GitHub Classroom's autograding result (what ``autograding-grading-reporter`` reads from
    a runner, base64-encoded): the tests' scores add up to the grade; a first entry, worth
    nothing, says how far student code was confined."""
    graded = [entry for k in grade.katas for entry in entries(k)]
    errors = any(k.verdict in ("error", "timeout") for k in grade.katas)
    status = "pass" if all(e.passed for e in graded) else "error" if errors else "fail"
    graded.insert(0, Entry(confinement(grade), True, 0.0, 0, grade.platform.summary()))
    return {
        "version": 1,
        "status": status,
        "max_score": grade.max_score,
        "tests": [
            {
                "name": entry.name,
                "status": "pass" if entry.passed else "fail",
                "message": entry.output,
                "test_code": "",
                "filename": "",
                "line_no": 0,
                "execution_time": "",
                "score": entry.score,
            }
            for entry in graded
        ],
    }


#: Characters XML 1.0 does not allow, even escaped.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: object) -> str:
    """`value` as text that XML 1.0 can hold: each character it cannot, written as \\xNN."""
    return NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value))


def junit_suite(kata_grade: KataGrade, grade: Grade) -> ET.Element:
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
    values = {
        "score": points(k.score),
        "max_score": k.max_score,
        "verdict": k.verdict,
        "notes": "; ".join(notes(k)),
        "confinement": grade.platform.summary(),
    }
    for name, value in values.items():
        ET.SubElement(properties, "property", name=name, value=xml_safe(value))
    if not k.tests:
        case = ET.SubElement(suite, "testcase", classname=k.kata.folder, name=k.verdict)
        ET.SubElement(case, "error", message=xml_safe(k.detail)).text = xml_safe(k.output)
    for test in k.tests:
        case = ET.SubElement(suite, "testcase", classname=k.kata.folder, name=xml_safe(test.name))
        if test.outcome == "skipped":
            ET.SubElement(case, "skipped")
        elif test.outcome != "passed":
            tag = "failure" if test.outcome == "failed" else "error"
            failure = ET.SubElement(
                case, tag, message=xml_safe(first_line(test.message)), type=test.kind or ""
            )
            failure.text = xml_safe(test.message)
    return suite


def junit(grade: Grade) -> str:
    """The grade as JUnit XML: a <testsuite> per kata, a <testcase> per test; always well-formed."""
    suites = ET.Element(
        "testsuites", name=xml_safe(f"kata grade {grade.submission}"), time=f"{grade.seconds:.3f}"
    )
    suites.extend(junit_suite(k, grade) for k in grade.katas)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


FORMATS: dict[str, Callable[[Grade], str]] = {
    "text": text,
    "json": lambda grade: json.dumps(json_report(grade), indent=1) + "\n",
    "gradescope": lambda grade: json.dumps(gradescope(grade), indent=1) + "\n",
    "classroom": lambda grade: json.dumps(classroom(grade), indent=1) + "\n",
    "junit": junit,
}


def gradebook(grades: Sequence[Grade], katas: Sequence[Kata]) -> str:
    """CSV: a row per submission with its id, points per kata, total, verdict per kata, what
    was flagged, and how far student code was confined."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "id",
            *(k.folder for k in katas),
            "total",
            *(f"{k.folder} verdict" for k in katas),
            "flags",
            "confinement",
        ]
    )
    for grade in grades:
        flagged = "; ".join(
            f"{k.kata.number}: {', '.join(k.flags)}" + (" (withheld)" if k.withheld else "")
            for k in grade.katas
            if k.flags
        )
        writer.writerow(
            [
                grade.submission,
                *(points(k.score) for k in grade.katas),
                points(grade.score),
                *(k.verdict for k in grade.katas),
                flagged,
                "confined" if grade.platform.confined else "unconfined",
            ]
        )
    return out.getvalue()
