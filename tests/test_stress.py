"""`kata stress`: its load never outlives it, and a kata's verdicts do not depend on the deadline
scale, the load, or how the judge's child was started."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from kata_runs import WORKSPACE
from workspaces import DEADLINE, REPO, kata

from katakit import runner, stress
from katakit.instruments import seconds

HOLD_LOAD = """
import sys
from katakit import stress
with stress.cpu_load(1):
    print("loaded", flush=True)
    sys.stdin.read()
"""


def burners_of(pid: int) -> list[int]:
    """The pids of the spinning processes that `pid` started (found by their command line)."""
    wanted = [sys.executable, "-c", stress.BURNER, str(pid)]
    found = []
    for entry in Path("/proc").iterdir():
        try:
            argv = (entry / "cmdline").read_bytes().decode().split("\0")[:-1]
        except (OSError, ValueError):
            continue
        if entry.name.isdigit() and argv == wanted:
            found.append(int(entry.name))
    return found


def test_burners_stop_when_the_stress_run_is_killed():
    # Rule: a stress run killed outright (no cleanup runs) leaves no spinning process behind.
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_LOAD], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    ) as run:
        assert run.stdout.readline() == b"loaded\n"
        burners = burners_of(run.pid)
        assert len(burners) == os.cpu_count(), f"expected one spinning process a core: {burners}"
        handles = [os.pidfd_open(pid) for pid in burners]
        run.kill()
    try:
        for pid, handle in zip(burners, handles):
            ended, _, _ = select.select([handle], [], [], seconds(5))
            assert ended, f"spinning process {pid} outlived the killed stress run"
    finally:
        for handle in handles:
            with contextlib.suppress(ProcessLookupError):
                signal.pidfd_send_signal(handle, signal.SIGKILL)
            os.close(handle)


def subject(folder: str, label: str) -> stress.Subject:
    """The stress subject of kata `folder`: its solution, or one of its kept files."""
    return next(s for s in stress.subjects([WORKSPACE.find(folder)]) if s.label == label)


@pytest.mark.parametrize(
    "folder, label, variations",
    [
        pytest.param(
            "05", "solution", (stress.Variation(0.05), stress.Variation(20)), id="thread-solution"
        ),
        pytest.param(
            "05", "wrong/plain_lock", (stress.Variation(0.05), stress.Variation(20)), id="deadlock"
        ),
        pytest.param(
            "06",
            "correct/zero_wait_then_wait_for_full_timeout",
            (stress.Variation(1), stress.Variation(1, switch=1e-6)),
            id="threads-switched-every-microsecond",
        ),
        pytest.param(
            "01",
            "wrong/queue_not_from_context",
            tuple(stress.Variation(1, start) for start in ("fork", "forkserver", "spawn")),
            id="process-wrong",
        ),
    ],
)
def test_verdicts_do_not_depend_on_the_scale_the_load_or_the_judges_start(folder, label, variations):
    """Each test's verdict is the same at every deadline scale, under load, whichever start
    method made the judge's child, and however often its threads switch."""
    with stress.cpu_load(1):
        report = stress.judge(subject(folder, label), 1, False, variations)
    assert report.ok, (report.flips, report.escapes, report.failures)
    assert all(len(seen) == len(variations) for seen in report.outcomes.values())


def test_files_judged_at_once_are_reported_in_the_order_asked():
    """`kata stress --jobs N` judges N files at once and reports them in the order it was asked."""
    done = kata(REPO, "stress", "05", "04", "--runs", "1", "--files", "solution", "--jobs", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    header, first, second, total = done.stdout.splitlines()
    assert "2 files at once" in header
    assert [first.split()[1:3], second.split()[1:3]] == [["05", "solution"], ["04", "solution"]]
    assert total.startswith("0 flip(s), 0 escape(s)")


#: A process that says it runs, then waits for ever, unless interrupted.
WAITER = "import time; print('waiting', flush=True); time.sleep(3600)"  # blocked-wait


def test_interrupting_the_sessions_stops_their_processes_and_starts_no_more():
    """`Sessions.interrupt` sends SIGINT to each process started in a session of its own (where
    a terminal's Ctrl-C does not reach), and any start after it raises KeyboardInterrupt, so a
    file whose judging had not begun is not judged after Ctrl-C."""
    sessions = runner.Sessions()
    process = sessions.start([sys.executable, "-c", WAITER], stdout=subprocess.PIPE, text=True)
    with process:
        assert process.stdout.readline() == "waiting\n"
        assert os.getsid(process.pid) == process.pid
        sessions.interrupt()
        assert process.wait(timeout=DEADLINE) == -signal.SIGINT
    sessions.ended(process)
    with pytest.raises(KeyboardInterrupt):
        sessions.start([sys.executable, "-c", WAITER])
    assert not sessions.running
