"""How the judge shows where student code was: the student's lines of a traceback or of each
thread's stack, without the judge's own frames."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from katakit.i18n import Lines
from katakit.judge import texts
from katakit.judge.child import Failure, Frame, ThreadStack

#: The katas' tooling (the judge, the instruments), left out of what a student is shown.
TOOLING = Path(__file__).resolve().parent.parent


#: A thread of a faulthandler dump, and one of its frames.
DUMPED_THREAD = re.compile(
    r"^(?P<current>Current thread|Thread) (?P<ident>0x[0-9a-f]+) \(most recent call first\):\n"
    r"(?P<frames>(?:  File .*\n?)+)",
    re.M,
)
DUMPED_FRAME = re.compile(r'^  File "(.*)", line (\d+) in (\S+)', re.M)

#: How many of the student's last steps a failure shows, and how many threads side by side.
SHOWN_STEPS = 12
SHOWN_LANES = 4
#: Characters of a lane.
LANE_WIDTH = 30
#: Bytes of the student's file read for its lines (the grader takes files of at most 256 KiB).
STUDENT_BYTES = 1024**2
#: How the student's file is opened for its lines: not through a link, nor waiting on a FIFO.
READ_NO_LINK = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def lanes(steps: tuple[tuple[str, str, str], ...]) -> str:
    """The student's last steps as lanes, one column per thread, oldest first, under a heading
    that can say itself in any language (`katakit.i18n.Lines`); "" for none."""
    shown = list(steps)[-SHOWN_STEPS:]
    if not shown:
        return ""
    threads: list[str] = []
    for thread, _, _ in reversed(shown):
        if thread not in threads:
            threads.append(thread)
    threads = sorted(threads[:SHOWN_LANES], key=[t for t, _, _ in shown].index)
    shown = [step for step in shown if step[0] in threads]

    def cell(text: str) -> str:
        return (text if len(text) <= LANE_WIDTH else text[: LANE_WIDTH - 1] + "…").ljust(LANE_WIDTH)

    rows = ["  " + " | ".join(cell(t) for t in threads).rstrip()]
    rows.append("  " + "-+-".join("-" * LANE_WIDTH for _ in threads))
    for thread, text, site in shown:
        line = site.rsplit(":", 1)[-1] if ":" in site else site
        cells = [cell(f"{line:>4} {text}" if t == thread else "") for t in threads]
        rows.append("  " + " | ".join(cells).rstrip())
    files = {site.rsplit(":", 1)[0] for _, _, site in shown if ":" in site}
    where = texts.LANES_FILE.format(file=files.pop()) if len(files) == 1 else ""
    return Lines([texts.LANES.format(count=len(shown), where=where), *rows], between=True)


@dataclass(frozen=True)
class Renderer:
    """Renders frames for one student file."""

    student: Path

    def is_student(self, frame: Frame) -> bool:
        path = Path(frame.filename)
        return path.name == self.student.name and path.resolve() == self.student.resolve()

    def where(self, frames: tuple[Frame, ...]) -> str:
        """The innermost line of the student's file among `frames`, or ""."""
        mine = [f for f in frames if self.is_student(f)]
        if not mine:
            return ""
        return texts.WHERE.format(**place(mine[-1]))

    def top_level(self, failure: Failure) -> str:
        """If the student's file raised in its top-level code as it was imported (a failed import
        aside), the judge's text that says so, with that line; else ""."""
        if failure.type_name in ("ImportError", "ModuleNotFoundError"):
            return ""
        tops = [f for f in failure.frames if self.is_student(f) and f.function == "<module>"]
        return texts.AT_TOP_LEVEL.format(**place(tops[-1])) if tops else ""

    def traceback(self, failure: Failure) -> str:
        """The traceback without the judge's own frames."""
        lines = ["Traceback (most recent call last):"]
        for f in failure.frames:
            if TOOLING in Path(f.filename).resolve().parents:
                continue
            lines.append(f'  File "{f.filename}", line {f.lineno}, in {f.function}')
            if f.line:
                lines.append(f"    {f.line}")
        lines.append(f"{failure.type_name}: {failure.message}".rstrip(": "))
        return "\n".join(lines)

    def dumped_stacks(self, stderr: str) -> str:
        """The threads of a faulthandler dump in `stderr` (most recent call first), shown as
        `stacks` shows them; "" when it holds none."""
        found: list[ThreadStack] = []
        for match in DUMPED_THREAD.finditer(stderr):
            frames = tuple(
                Frame(file, int(line), function, self.line_of(file, int(line)))
                for file, line, function in DUMPED_FRAME.findall(match["frames"])
            )
            name = "MainThread" if match["current"] else match["ident"]
            found.append(ThreadStack(name, tuple(reversed(frames))))
        return self.stacks(found) if found else ""

    def line_of(self, filename: str, lineno: int) -> str:
        """Line `lineno` of the student's file if `filename` is it, else "": a dump's file names
        are the script's to write, and reading whatever they name (/dev/zero, say) in pytest
        would take its memory. Read only if it is still a regular file, not a link to one."""
        if not self.is_student(Frame(filename, lineno, "", "")):
            return ""
        try:
            fd = os.open(self.student, READ_NO_LINK)
        except OSError:
            return ""
        with open(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return ""
            lines = file.read(STUDENT_BYTES).decode(errors="replace").splitlines()
        return lines[lineno - 1].strip() if 0 < lineno <= len(lines) else ""

    def stacks(self, stacks: list[ThreadStack]) -> Lines:
        """One block per thread: its lines in the student's file, innermost first."""
        lines = []
        for stack in stacks:
            lines.append(texts.STACK_THREAD.format(thread=stack.name))
            frames = list(reversed(stack.frames))
            if frames and not self.is_student(frames[0]):
                lines.append(texts.STACK_WAITING.format(**place(frames[0])))
            lines += [texts.STACK_AT.format(**place(f)) for f in frames if self.is_student(f)]
        return Lines(lines, between=True)


def place(frame: Frame) -> dict[str, object]:
    """A frame's place, as the judge's texts name it: file, lineno, function and code."""
    file = Path(frame.filename).name
    return {"file": file, "lineno": frame.lineno, "function": frame.function, "code": frame.line}
