"""How the judge shows where student code was: the student's lines of a traceback or of each
thread's stack, without the judge's own frames."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from katakit.judge.child import Failure, Frame, ThreadStack

#: The katas' tooling (the judge, the instruments), left out of what a student is shown.
TOOLING = Path(__file__).resolve().parent.parent


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
        f = mine[-1]
        return f"  at {Path(f.filename).name}:{f.lineno} in {f.function}(): {f.line}"

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

    def stacks(self, stacks: list[ThreadStack]) -> str:
        """One block per thread: its lines in the student's file, innermost first."""
        blocks = []
        for stack in stacks:
            lines = [f"  thread {stack.name!r}:"]
            frames = list(reversed(stack.frames))
            mine = [f for f in frames if self.is_student(f)]
            if frames and not self.is_student(frames[0]):
                inner = frames[0]
                lines.append(
                    f"    waiting in {Path(inner.filename).name}:{inner.lineno} "
                    f"in {inner.function}()"
                )
            for f in mine:
                lines.append(f"    at {Path(f.filename).name}:{f.lineno} in {f.function}(): {f.line}")
            blocks.append("\n".join(lines))
        return "\n".join(blocks)
