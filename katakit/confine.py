"""Run a command confined: resource limits, a session of its own, a wall-clock limit, and nothing
it started left running afterwards. The grader runs each kata's pytest this way.

`run` starts ``python -m katakit.confine [LIMITS] -- COMMAND``: this module's `main` lowers its
own resource limits, then execs COMMAND, so the limits hold for COMMAND and for every process it
starts. (A launcher rather than `subprocess`'s ``preexec_fn``, which is unsafe in a process with
threads, as the grader is.) When COMMAND exits, or passes its wall-clock limit, `run` kills its
process group, then every process that still carries the run's marker in its environment (the
marker is inherited by every descendant, so this finds the processes that left the group or the
session, with ``os.setsid()`` say). The sweep reads ``/proc``, so it works on Linux only; a
process that replaced its environment (``exec`` with a new one) escapes it.

The limits are per process (``setrlimit``), where the platform has them: CPU seconds, address
space, core dumps (none), and the number of tasks of the user, which Linux counts over all of
the user's processes and threads and does not enforce for root.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

try:
    import resource
except ImportError:  # Windows: no resource limits
    resource = None

#: The environment variable that marks every process of one confined run.
MARKER = "KATAKIT_CONFINED"
#: Seconds the sweep may spend killing marked processes that keep appearing (a fork bomb).
SWEEP_SECONDS = 5.0


@dataclass(frozen=True)
class Limits:
    """Resource limits of each process of a confined command; None leaves that limit as it is."""

    cpu_seconds: int | None = 60
    memory_bytes: int | None = 2 * 1024**3  # address space
    #: Tasks (processes and threads) the user may start on top of those it runs already.
    processes: int | None = 256

    def arguments(self) -> list[str]:
        """The options of ``python -m katakit.confine`` that set these limits."""
        values = (
            ("--cpu", self.cpu_seconds),
            ("--memory", self.memory_bytes),
            ("--processes", self.processes),
        )
        return [f"{option}={value}" for option, value in values if value is not None]


# --- the launcher (runs in the confined process, before the command) -------------------------


def lower(which: int, value: int) -> None:
    """Lower the soft and hard limit `which` to `value` (never above the current hard limit)."""
    _, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    try:
        resource.setrlimit(which, (value, value))
    except (ValueError, OSError):  # a limit this platform does not let a process set
        pass


def user_tasks() -> int | None:
    """The tasks (processes and threads) of this process's real user, from /proc; None without it."""
    uid = str(os.getuid())
    count = 0
    found = False
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            lines = status.read_text().splitlines()
            fields = dict(line.split(":", 1) for line in lines if ":" in line)
        except OSError:
            continue
        found = True
        if fields.get("Uid", "").split()[:1] == [uid]:
            count += int(fields.get("Threads", "1"))
    return count if found else None


def apply(limits: Limits) -> None:
    """Set `limits` on this process (inherited by whatever it execs and starts)."""
    if resource is None:
        return
    lower(resource.RLIMIT_CORE, 0)
    if limits.cpu_seconds is not None:
        lower(resource.RLIMIT_CPU, limits.cpu_seconds)
    if limits.memory_bytes is not None and hasattr(resource, "RLIMIT_AS"):
        lower(resource.RLIMIT_AS, limits.memory_bytes)
    if limits.processes is not None and hasattr(resource, "RLIMIT_NPROC"):
        running = user_tasks()
        if running is not None:
            lower(resource.RLIMIT_NPROC, running + limits.processes)


def main(argv: list[str] | None = None) -> None:
    """``python -m katakit.confine [--cpu S] [--memory B] [--processes N] -- COMMAND...``."""
    parser = argparse.ArgumentParser(prog="python -m katakit.confine")
    parser.add_argument("--cpu", type=int, help="CPU seconds of each process")
    parser.add_argument("--memory", type=int, help="bytes of address space of each process")
    parser.add_argument("--processes", type=int, help="tasks the user may start on top of its own")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    apply(Limits(args.cpu, args.memory, args.processes))
    os.execv(command[0], command)


# --- the parent side ---------------------------------------------------------------------------


def processes_with(entry: str) -> list[int]:
    """The processes whose environment holds `entry` ("NAME=value"), from /proc (Linux)."""
    wanted = entry.encode()
    pids = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if wanted in environ.read_bytes().split(b"\0"):
                pids.append(int(environ.parent.name))
        except OSError:
            continue
    return pids


def exiting_or_gone(pid: int) -> bool:
    """Whether process `pid` has finished exiting: gone, or a zombie (Linux)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def sweep(entry: str) -> None:
    """Kill every process marked with `entry`, again and again until none is left and every one
    killed has finished exiting (or for at most SWEEP_SECONDS, against one that keeps forking)."""
    end = time.monotonic() + SWEEP_SECONDS
    killed: set[int] = set()
    while time.monotonic() < end:
        found = processes_with(entry)
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        killed = {pid for pid in killed.union(found) if not exiting_or_gone(pid)}
        if not killed:
            return


def end_all(process: subprocess.Popen, entry: str) -> None:
    """Kill the process group of `process` and every marked process, and reap `process`."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    sweep(entry)
    process.wait()


def run(
    command: list[str],
    *,
    limits: Limits,
    timeout: float,
    cwd: Path,
    env: dict[str, str],
    output: BinaryIO,
) -> int | None:
    """Run `command` confined, its standard output and error into `output` (a file: a process
    left running cannot keep a pipe open and stall the caller), and end everything it started.

    Returns the command's exit code, or None when it passed `timeout` seconds and was killed.
    """
    marker = uuid.uuid4().hex
    entry = f"{MARKER}={marker}"
    launcher = [sys.executable, "-m", "katakit.confine", *limits.arguments(), "--", *command]
    process = subprocess.Popen(
        launcher,
        cwd=cwd,
        env={**env, MARKER: marker},
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    returncode = None
    try:
        returncode = process.wait(timeout)
    except subprocess.TimeoutExpired:
        pass
    finally:
        end_all(process, entry)
    return returncode


if __name__ == "__main__":
    main()
