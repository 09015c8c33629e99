"""`kata verify` says why a file that must pass failed; `kata verify --coverage` counts code that
runs only in child processes, and so notices when the one test that runs such a line is gone."""

from __future__ import annotations

import contextlib
import signal
import sqlite3
import subprocess
import sys

from kata_runs import WORKSPACE
from workspaces import DEADLINE

from katakit import runner, verify
from katakit.kinds import Kind

KATA = WORKSPACE.find("02")
#: The only test that runs the solution's `if __name__ == "__main__":` block: in a script run
#: as a subprocess, whose workers are spawned children.
SCRIPT_TEST = "test_script_runs_under_spawn"


def test_solutions_code_in_child_processes_is_fully_covered():
    # Rule: with every test, coverage of a process kata's solution is 100%, children included.
    result = verify.coverage_of_solutions([KATA])
    assert result.percent == 100, result.report


def test_removing_the_only_test_of_a_child_process_line_drops_coverage():
    # Rule: without the one test that runs the script's lines, coverage falls below 100% there.
    result = verify.coverage_of_solutions([KATA], ("-k", f"not {SCRIPT_TEST}"))
    assert result.percent < 100, result.report
    row = next(line for line in result.report.splitlines() if "workers.py" in line)
    assert not row.rstrip().endswith("100%"), result.report


def test_a_surprise_quotes_why_a_passing_file_failed():
    # Rule: a test that should have passed is named with its outcome, its kind and its message,
    # folded onto one line and cut at REASON_CHARS.
    message = "E   The pool never returned.\nE   Submit each range once." + " x" * verify.REASON_CHARS
    test = runner.TestVerdict("test_total[forkserver]", "failed", Kind.STUCK, message)
    said = verify.why(test)
    start = "test_total[forkserver] (failed, stuck): The pool never returned. Submit each range once."
    assert said.startswith(start), said
    assert said.endswith(" ...") and len(said) < len(message), said


def test_data_files_a_killed_process_never_finished_are_left_out(tmp_path):
    # Rule: empty, cut-off and schema-less data files are removed and counted; a whole one stays.
    (tmp_path / ".coverage.empty").write_bytes(b"")
    (tmp_path / ".coverage.cut").write_bytes(b"SQLite format 3" + b"\0" * 20)
    with contextlib.closing(sqlite3.connect(tmp_path / ".coverage.schemaless")) as db:
        db.execute("CREATE TABLE meta (key text)")
    with contextlib.closing(sqlite3.connect(tmp_path / ".coverage.whole")) as db:
        db.execute("CREATE TABLE coverage_schema (version integer)")
    assert verify.unfinished(tmp_path) == 3
    assert [path.name for path in tmp_path.iterdir()] == [".coverage.whole"]


def test_a_process_of_the_run_that_never_ends_is_killed_before_the_combine(monkeypatch):
    # Rule: once DATA_SECONDS have passed, a marked process still running is killed, not waited for.
    monkeypatch.setenv("KATA_TEST_COVERAGE_RUN", "never-ends")
    monkeypatch.setattr(verify, "DATA_SECONDS", 0)
    program = "import signal; print('started', flush=True); signal.pause()"
    with subprocess.Popen([sys.executable, "-c", program], stdout=subprocess.PIPE) as process:
        try:
            # Once it prints, it has exec'd: /proc shows its own environment, with the marker.
            # (Before, a forked child shows its parent's, and the sweep would not find it.)
            process.stdout.readline()
            verify.data_written("KATA_TEST_COVERAGE_RUN=never-ends")
            assert process.wait(timeout=DEADLINE) == -signal.SIGKILL
        finally:
            process.kill()
