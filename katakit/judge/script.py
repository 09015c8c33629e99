"""Running a student's file as a script, as ``python FILE`` would, and judging how it ended.

`run_script` runs it in a new process group (through `katakit.judge.runscript`, which counts the
calls of the file's own functions), under the student's uid in a graded run, and returns a
`ScriptRun`; `script_verdict` turns that into the run itself or a `Failed`, a pure function.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from katakit import confine
from katakit.deadlines import GRACE
from katakit.judge import texts
from katakit.judge.render import Renderer
from katakit.judge.runscript import END, FOUND_EXIT, MARKER
from katakit.judge.verdict import Failed, found_end
from katakit.kinds import Kind


@dataclass(frozen=True)
class ScriptRun:
    """What ``python <student file>`` did: its exit code, output and pid, why it was stopped at
    its deadline if it was (IDLE or BUSY, see `wait_with_progress`; else ""), the lessons its
    stderr matched, and how many calls of the file's own functions it made."""

    returncode: int
    stdout: str
    stderr: str
    pid: int
    stopped: str = ""
    lessons: tuple[str, ...] = ()
    calls: int = 0


def run_script(
    path: Path,
    args: tuple[str, ...],
    start_method: str | None,
    seconds: float,
    hints: dict[str, str],
    bubble: tuple[float, float] | None,
    most: float,
) -> ScriptRun:
    """Run `path` as a script with `args`, `start_method` as multiprocessing's default, in a
    bubble with these (spin, block) limits if given.

    It ends when the script and every process it started have closed their output, or as soon
    as a line of its stderr matches a pattern of `hints`. Past `seconds` in which it printed no
    line and none of its processes used the CPU, or past `most` seconds in all, the script is
    asked for its stacks (faulthandler on SIGABRT) and killed with every process it started.
    Each line it prints and each tick of CPU time shows it moves on: interpreters slow to start
    on a busy machine, or under coverage, are not taken for stuck code.
    """
    with confine.scratch() as scratch:
        calls = scratch / "calls"
        command = [sys.executable, "-X", "faulthandler", "-m", "katakit.judge.runscript"]
        command += [f"--calls-file={calls}"]
        if start_method:
            command += ["--start-method", start_method]
        if bubble:
            command += ["--bubble", *map(str, bubble)]
        command += [str(path), *args]
        stdout: list[str] = []
        stderr: list[str] = []
        finished = threading.Event()
        printed = threading.Event()
        lessons: list[str] = []

        def pump(stream, lines: list[str], watch: bool) -> None:
            for line in stream:
                lines.append(line)
                printed.set()
                if watch:
                    found = [text for pattern, text in hints.items() if re.search(pattern, line)]
                    lessons.extend(found)
                    if lessons:
                        finished.set()
            if watch:
                finished.set()

        with subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            cwd=path.parent,
            # Its temporary files (say, a fork server's socket folder) go when it is killed.
            env={**os.environ, "TMPDIR": str(scratch)},
            **confine.as_student(),
        ) as process:
            readers = [
                threading.Thread(target=pump, args=(process.stdout, stdout, False), daemon=True),
                threading.Thread(target=pump, args=(process.stderr, stderr, True), daemon=True),
            ]
            for reader in readers:
                reader.start()
            stopped = wait_with_progress(finished, printed, seconds, cpu_moved(process.pid), most)
            if stopped:
                process.send_signal(signal.SIGABRT)
                try:
                    process.wait(GRACE)
                except subprocess.TimeoutExpired:
                    pass
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
            confine.end_group(process.pid)
            for reader in readers:
                reader.join()
        made = int(calls.read_text()) if calls.exists() else 0
    return ScriptRun(
        process.returncode,
        "".join(stdout),
        "".join(stderr),
        process.pid,
        stopped,
        tuple(lessons),
        made,
    )


#: What `wait_with_progress` says of a wait it gave up: nothing moved for its `seconds`, or it
#: moved on past `most` seconds in all.
IDLE, BUSY = "idle", "busy"


def wait_with_progress(
    done: threading.Event,
    progress: threading.Event,
    seconds: float,
    moved: Callable[[], bool],
    most: float,
) -> str:
    """Wait until `done` is set, and return "". Give up with IDLE once `seconds` have passed in
    which `progress` was never set and after which `moved()` (asked once a wait) says nothing
    moved since it was last asked; give up with BUSY once `most` seconds have passed in all."""
    end = time.monotonic() + most
    while True:
        progress.clear()
        left = end - time.monotonic()
        if done.wait(max(0.0, min(seconds, left))) or done.is_set():
            return ""
        if time.monotonic() >= end:
            return BUSY
        if not progress.is_set() and not moved():
            return IDLE


def cpu_moved(pgid: int) -> Callable[[], bool]:
    """Whether the CPU time of group `pgid` (see `confine.group_cpu_ticks`) changed since the
    last time this was asked: it grows while its processes run, and falls when one that left
    the group, or was reaped from outside it, takes its time along. Never where /proc cannot
    tell."""
    last = [confine.group_cpu_ticks(pgid)]

    def moved() -> bool:
        now = confine.group_cpu_ticks(pgid)
        changed, last[0] = now != last[0], now
        return changed

    return moved


def found_in(stderr: str) -> tuple[str, str]:
    """The kind and the report a script found stuck for good wrote on `stderr` (which holds
    MARKER: see FOUND_EXIT)."""
    written = stderr.rsplit(END, 1)[0]
    kind, report = (written.rsplit(MARKER, 1)[1].strip() + "\n").split("\n", 1)
    return kind, report.rstrip()


def script_verdict(
    run: ScriptRun, render: Renderer, seconds: float, stuck: str, most: float
) -> ScriptRun | Failed:
    """The run, if it ended well; else how it failed. `render` knows the student's file,
    `stuck` is the likely cause shown when it was stopped at its deadline (`seconds` without
    moving on, `most` in all)."""
    name = render.student.name
    if run.lessons:
        return Failed(Kind.RAISED, run.lessons[0])
    if run.returncode == FOUND_EXIT and MARKER in run.stderr:
        kind, report = found_in(run.stderr)
        return found_end(kind, f"`python {name}`", report, stuck)
    if run.stopped:
        text = (texts.SCRIPT_BUSY if run.stopped == BUSY else texts.SCRIPT_STUCK).format(
            file=name,
            deadline=seconds,
            most=most,
            hint=f"{stuck}\n" if stuck else "",
            stacks=render.dumped_stacks(run.stderr) or run.stderr,
        )
        return Failed(Kind.STUCK, text)
    if "NotImplementedError" in run.stderr:
        return Failed(Kind.NOT_WRITTEN, texts.SCRIPT_NOT_WRITTEN.format(file=name, stderr=run.stderr))
    if run.returncode != 0:
        return Failed(
            Kind.RAISED, texts.SCRIPT_FAILED.format(file=name, code=run.returncode, stderr=run.stderr)
        )
    if not run.calls:
        return Failed(Kind.ASSERTION, texts.SCRIPT_RAN_NOTHING.format(file=name))
    return run
