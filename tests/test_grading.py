"""The grader: submissions kept under tests/submissions/ score what they earned, cheats included.

Each folder of tests/submissions/ holds only what differs from a stub-only submission (a copy of
the katas with every student file its pristine stub), plus expected.toml: the katas to grade
(``katas``, default all), the katas whose reference solution to copy in (``solutions``), files
to delete (``delete``), the expected ``score`` and the expected ``[verdicts]`` per kata. Every
grading here also checks that no process of it is left, through a marker in the environment.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kata_runs import WORKSPACE

from katakit import catalog, confine, grading, runner
from katakit.catalog import tomllib
from katakit.kinds import Kind

REPO = Path(__file__).resolve().parent.parent
SUBMISSIONS = Path(__file__).resolve().parent / "submissions"
#: Seconds any one `kata` command may take.
DEADLINE = 300


# --- building submissions -----------------------------------------------------------------------


def expected(name: str) -> dict:
    """The expected.toml of fixture `name`."""
    return tomllib.loads((SUBMISSIONS / name / "expected.toml").read_text(encoding="utf-8"))


def stub_submission(dest: Path) -> Path:
    """A student's copy of the katas and configuration, every student file its pristine stub."""
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache")
    shutil.copytree(REPO / "katas", dest / "katas", ignore=ignore)
    for name in ("pyproject.toml", "conftest.py"):
        shutil.copy(REPO / name, dest / name)
    for kata in WORKSPACE.katas():
        shutil.copy(kata.pristine_stub, kata.student_file(dest / "katas"))
    return dest


def build(name: str, dest: Path) -> Path:
    """The submission of fixture `name`: stubs, then its files, deletions and solutions."""
    submission = stub_submission(dest)
    fixture = SUBMISSIONS / name
    ignore = shutil.ignore_patterns("expected.toml", "__pycache__")
    shutil.copytree(fixture, submission, dirs_exist_ok=True, ignore=ignore)
    wanted = expected(name)
    for relative in wanted.get("delete", []):
        (submission / relative).unlink()
    for key in wanted.get("solutions", []):
        kata = WORKSPACE.find(key)
        shutil.copy(kata.solution, kata.student_file(submission / "katas"))
    return submission


def katas_of(wanted: dict) -> list[catalog.Kata]:
    """The katas a fixture's expected.toml names (default: every kata)."""
    return [WORKSPACE.find(key) for key in wanted.get("katas", [])] or WORKSPACE.katas()


@pytest.fixture
def marker(monkeypatch) -> str:
    """An environment entry every process the grader starts inherits; none may be left after."""
    entry = f"KATA_GRADING_TEST={uuid.uuid4().hex}"
    monkeypatch.setenv(*entry.split("=", 1))
    yield entry
    assert not confine.processes_with(entry), "a process of the grading was left running"


def verdicts(grade: grading.Grade) -> dict[str, str]:
    """Each kata's verdict, by kata number."""
    return {k.kata.number: k.verdict for k in grade.katas}


# --- every kept submission ------------------------------------------------------------------------


FIXTURES = sorted(p.name for p in SUBMISSIONS.iterdir() if (p / "expected.toml").is_file())


@pytest.mark.parametrize("name", FIXTURES)
def test_kept_submission_scores_what_it_earned(name, tmp_path, marker):
    # Rule: each cheat scores 0 with its verdict; full and partial submissions score their points.
    wanted = expected(name)
    grade = grading.grade(build(name, tmp_path / name), katas_of(wanted))
    report = grading.text(grade)
    assert grading.points(grade.score) == grading.points(wanted["score"]), report
    assert verdicts(grade) == wanted["verdicts"], report


def test_every_cheat_of_the_issue_is_kept_and_scores_zero():
    # Rule: the cheat fixtures are kept, and each expects 0 points.
    cheats = set(FIXTURES) - {"full", "partial"}
    assert len(cheats) == 9
    assert all(expected(name)["score"] == 0 for name in cheats)
    assert expected("full")["score"] == sum(k.points for k in WORKSPACE.katas())


# --- verdicts without a run -----------------------------------------------------------------------


def test_only_regular_files_reached_without_a_link_and_not_too_large_are_taken(tmp_path):
    # Rule: a missing file, a symbolic link (to the file or a folder on the way), a folder, a FIFO
    # and an oversized file are not taken, and each says why.
    kata = WORKSPACE.find("03")
    cases = {}
    for case in ("missing", "file_link", "folder_link", "folder", "fifo", "large", "good"):
        (tmp_path / case / "katas").mkdir(parents=True)
        cases[case] = tmp_path / case
    (cases["file_link"] / "katas" / kata.folder).mkdir()
    kata.student_file(cases["file_link"] / "katas").symlink_to(kata.solution)
    (cases["folder_link"] / "katas" / kata.folder).symlink_to(kata.solution.parent)
    kata.student_file(cases["folder"] / "katas").mkdir(parents=True)
    for case, content in (("large", b"#" * (grading.MAX_FILE_BYTES + 1)), ("good", b"pass\n")):
        (cases[case] / "katas" / kata.folder).mkdir()
        kata.student_file(cases[case] / "katas").write_bytes(content)
    (cases["fifo"] / "katas" / kata.folder).mkdir()
    os.mkfifo(kata.student_file(cases["fifo"] / "katas"))
    taken = {case: grading.collect(path, [kata])[kata.folder] for case, path in cases.items()}
    assert taken.pop("good") == b"pass\n"
    assert all(isinstance(why, grading.Rejected) for why in taken.values())
    reasons = {case: str(why) for case, why in taken.items()}
    assert "there is no katas/03_semaphore/pool.py" in reasons["missing"]
    assert "katas/03_semaphore/pool.py is a symbolic link" in reasons["file_link"]
    assert "katas/03_semaphore is a symbolic link" in reasons["folder_link"]
    assert "not a regular file" in reasons["folder"] and "not a regular file" in reasons["fifo"]
    assert "larger than 256 KiB" in reasons["large"]


def verdict(outcome: str, kind: Kind | None = None, name: str = "test_x") -> runner.TestVerdict:
    """A test's verdict as the plugin reports it, with a two-line message."""
    return runner.TestVerdict(name, outcome, kind, f"{kind} happened\nmore")


def test_verdicts_of_test_results():
    # Rule: the kata's verdict follows its tests: crash, stuck, failing, passed, error.
    assert grading.verdict_of([verdict("passed"), verdict("skipped")]) == ("passed", "")
    assert grading.verdict_of([])[0] == "error"
    assert grading.verdict_of([verdict("failed", Kind.IMPORT_ERROR), verdict("failed", Kind.SILENT_EXIT)]) == (
        "crashed",
        "import-error happened",
    )
    assert grading.verdict_of([verdict("passed"), verdict("failed", Kind.STUCK)])[0] == "stuck"
    assert grading.verdict_of([verdict("passed"), verdict("failed", Kind.ASSERTION)]) == (
        "failing",
        "1 of 2 tests failed",
    )
    teardown = grading.merged([verdict("passed"), verdict("error"), verdict("passed", name="test_y")])
    assert [t.outcome for t in teardown] == ["error", "passed"]


# --- formats --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> grading.Grade:
    """Kata 03 solved, 04 the stub, 06's file deleted."""
    submission = stub_submission(tmp_path_factory.mktemp("mixed") / "submission")
    shutil.copy(WORKSPACE.find("03").solution, WORKSPACE.find("03").student_file(submission / "katas"))
    WORKSPACE.find("06").student_file(submission / "katas").unlink()
    return grading.grade(submission, [WORKSPACE.find(key) for key in ("03", "04", "06")])


def test_mixed_grade_lists_every_kata_with_its_verdict_and_points(mixed):
    # Rule: a pass earns the kata's points, the stub none, a missing file none, each listed.
    assert verdicts(mixed) == {"03": "passed", "04": "failing", "06": "missing"}
    assert [k.score for k in mixed.katas] == [10, 0, 0]
    assert (mixed.score, mixed.max_score) == (10, 30)
    text = grading.text(mixed)
    assert "03_semaphore: 10/10 points, passed" in text
    missing = "06_condition: 0/10 points, missing, no test ran: there is no katas/06_condition/gate.py"
    assert missing in text
    assert "Failures in 04_thread_local:" in text and "is not written yet" in text


def test_json_format(mixed):
    # Rule: --format json gives totals and every kata with every test's verdict.
    data = json.loads(grading.FORMATS["json"](mixed))
    assert (data["score"], data["max_score"]) == (10, 30)
    katas = {k["kata"]: k for k in data["katas"]}
    assert katas["03_semaphore"]["passed"] == katas["03_semaphore"]["total"] > 0
    assert all(t["outcome"] == "failed" for t in katas["04_thread_local"]["tests"])
    assert katas["06_condition"]["verdict"] == "missing"


def test_gradescope_format(mixed):
    # Rule: --format gradescope follows Gradescope's results.json, one test entry per kata.
    data = json.loads(grading.FORMATS["gradescope"](mixed))
    assert {"score", "max_score", "execution_time", "output", "tests"} <= set(data)
    assert (data["score"], data["max_score"]) == (10, 30)
    assert isinstance(data["execution_time"], (int, float)) and isinstance(data["output"], str)
    for test in data["tests"]:
        assert {"name", "score", "max_score", "status", "output"} <= set(test)
        assert test["status"] in ("passed", "failed")
    statuses = [(t["name"][:2], t["status"], t["score"]) for t in data["tests"]]
    assert statuses == [("03", "passed", 10), ("04", "failed", 0), ("06", "failed", 0)]
    assert "is not written yet" in data["tests"][1]["output"], "the failures' teaching messages"


def test_junit_format(mixed):
    # Rule: --format junit is JUnit XML: a suite per kata, a case per test, failures marked.
    root = ET.fromstring(grading.FORMATS["junit"](mixed))
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert list(suites) == ["03_semaphore", "04_thread_local", "06_condition"]
    assert suites["03_semaphore"].get("failures") == "0"
    failing = suites["04_thread_local"]
    assert int(failing.get("failures")) == int(failing.get("tests")) == len(failing.findall("testcase"))
    assert suites["06_condition"].get("errors") == "1"
    assert suites["06_condition"].find("testcase/error") is not None


# --- limits ---------------------------------------------------------------------------------------


def test_a_kata_past_the_wall_clock_limit_is_stopped_with_nothing_left(tmp_path, marker):
    # Rule: a kata still running at the wall-clock limit scores 0 as "timeout"; all of it is killed
    # (here the judge's child, in a process group of its own, stuck at import).
    submission = build("loops_at_import", tmp_path / "submission")
    grade = grading.grade(submission, [WORKSPACE.find("03")], time_limit=1.0)
    assert verdicts(grade) == {"03": "timeout"} and grade.score == 0
    assert "wall-clock limit of 1 s" in grade.katas[0].detail


def limits_seen(limits: confine.Limits, code: str) -> subprocess.CompletedProcess:
    """Run Python `code` through the launcher with `limits`."""
    command = [sys.executable, "-m", "katakit.confine", *limits.arguments(), "--"]
    command += [sys.executable, "-c", code]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=DEADLINE)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the limits are checked on Linux")
def test_launcher_sets_the_resource_limits():
    # Rule: the confined command runs with the CPU, memory, process and core-dump limits.
    code = (
        "import resource as r\n"
        "limits = (r.RLIMIT_CPU, r.RLIMIT_AS, r.RLIMIT_NPROC, r.RLIMIT_CORE)\n"
        "print([r.getrlimit(x)[0] for x in limits])\n"
    )
    seen = limits_seen(confine.Limits(7, 2**30, 5), code)
    cpu, memory, processes, core = json.loads(seen.stdout)
    assert (cpu, memory, core) == (7, 2**30, 0)
    assert 5 < processes <= confine.user_tasks() + 5 + 100, "the tasks running plus 5"
    hog = limits_seen(confine.Limits(memory_bytes=2**30), "bytearray(2**31)")
    assert hog.returncode != 0 and "MemoryError" in hog.stderr


#: Forks a process that leaves the session and blocks forever, then prints its pid and exits.
LEAVES_A_PROCESS = """
import os, select
read, write = os.pipe()
pid = os.fork()
if pid == 0:
    os.setsid()
    os.write(write, b"x")
    select.select([], [], [])
os.read(read, 1)
print(pid)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the sweep reads /proc")
def test_a_process_that_left_the_session_is_killed_after_the_run(tmp_path, marker):
    # Rule: a confined run ends every process it started, even one that called os.setsid().
    command = [sys.executable, "-c", LEAVES_A_PROCESS]
    with open(tmp_path / "output", "w+b") as output:
        returncode = confine.run(
            command,
            limits=confine.Limits(),
            timeout=DEADLINE,
            cwd=tmp_path,
            env=dict(os.environ),
            output=output,
        )
        output.seek(0)
        printed = output.read().decode()
    assert returncode == 0, printed
    assert confine.exiting_or_gone(int(printed))


# --- the commands ---------------------------------------------------------------------------------


def kata(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run `kata ARGS` in `cwd`, with no pytest settings in the environment."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    command = [sys.executable, "-m", "katakit.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, timeout=DEADLINE)


def test_grade_command_writes_gradescope_results_for_the_current_folder(tmp_path):
    # Rule: `kata grade` grades the current folder and --output gets the chosen format.
    submission = build("partial", tmp_path / "submission")
    results = tmp_path / "results" / "results.json"
    options = ("--katas", "03,4", "--format", "gradescope", "--output", str(results))
    graded = kata("grade", *options, cwd=submission)
    assert graded.returncode == 0, graded.stderr
    assert graded.stdout == ""
    data = json.loads(results.read_text())
    assert (data["score"], data["max_score"]) == (10, 20)
    assert [t["status"] for t in data["tests"]] == ["passed", "failed"]


def test_grade_command_refuses_a_missing_folder(tmp_path):
    # Rule: a submission folder that does not exist is a usage error.
    graded = kata("grade", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert graded.returncode == 2 and "is not a folder" in graded.stderr


def test_grade_all_writes_a_row_per_submission_in_order(tmp_path, marker):
    # Rule: grade-all writes one CSV row per submission, sorted by id, with points and verdicts;
    # a broken submission (no katas folder, a link to the solution) gets its row like the others.
    folder = tmp_path / "class"
    folder.mkdir()
    solved = build("partial", folder / "carol")
    stub_submission(folder / "alice")
    (folder / "bob").mkdir()
    (folder / "bob" / "katas").write_text("not a folder")
    linked = folder / "dave" / "katas" / "03_semaphore" / "pool.py"
    linked.parent.mkdir(parents=True)
    linked.symlink_to(solved / "katas" / "03_semaphore" / "pool.py")
    options = ("--jobs", "2", "--csv", "book.csv", "--json", "grades", "--katas", "03")
    graded = kata("grade-all", str(folder), *options, cwd=tmp_path)
    assert graded.returncode == 0, graded.stderr
    with open(tmp_path / "book.csv", encoding="utf-8") as book:
        rows = list(csv.DictReader(book))
    assert [row["id"] for row in rows] == ["alice", "bob", "carol", "dave"]
    assert [(row["03_semaphore"], row["total"], row["03_semaphore verdict"]) for row in rows] == [
        ("0", "0", "failing"),
        ("0", "0", "missing"),
        ("10", "10", "passed"),
        ("0", "0", "missing"),
    ]
    progress = graded.stderr.splitlines()
    assert [line.split("]")[0] for line in progress] == ["[1/4", "[2/4", "[3/4", "[4/4"]
    assert any("carol: 10/10" in line for line in progress)
    assert json.loads((tmp_path / "grades" / "carol.json").read_text())["score"] == 10


def test_a_submission_that_breaks_the_grader_does_not_stop_the_others(tmp_path, monkeypatch):
    # Rule: an exception while grading one submission becomes its row of errors; the rest go on.
    for name in ("ann", "ben", "cid"):
        (tmp_path / name).mkdir()

    def collect(submission, katas):
        """Reading ben's files fails; the others have a file for every kata."""
        if submission.name == "ben":
            raise RuntimeError("boom")
        return {kata.folder: b"" for kata in katas}

    def grade_kata(kata, source, time_limit, limits):
        """Every kata passes, without a run."""
        return grading.KataGrade(kata, "passed", "", (verdict("passed"),), 0.0)

    monkeypatch.setattr(grading, "collect", collect)
    monkeypatch.setattr(grading, "grade_kata", grade_kata)
    seen = []
    grades = grading.grade_all(tmp_path, [WORKSPACE.find("03")], 2, lambda _, done, __: seen.append(done))
    assert [g.submission for g in grades] == ["ann", "ben", "cid"]
    assert [verdicts(g)["03"] for g in grades] == ["passed", "error", "passed"]
    assert "boom" in grades[1].katas[0].detail
    assert sorted(seen) == [1, 2, 3]
