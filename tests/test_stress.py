"""`kata stress --load` keeps every core busy, and its spinning processes never outlive it."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

from katakit import stress
from katakit.instruments import seconds

HOLD_LOAD = """
import sys
from katakit import stress
with stress.cpu_load(2):
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
        assert len(burners) == 2, f"expected 2 spinning processes, found {burners}"
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
