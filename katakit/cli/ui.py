"""How the `kata` command talks: plain lines that read well when piped, ✓ and ✗ marks, and
colour only when the output is a terminal and NO_COLOR is not set (https://no-color.org)."""

from __future__ import annotations

import os
import sys
import textwrap
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from katakit.cli import texts
from katakit.cli.state import NOT_STARTED
from katakit.runner import Progress

CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}

#: The colour of each kata state.
STATE_STYLES = {
    "passed": "green",
    "failing": "red",
    "stuck": "yellow",
    "error": "red",
    NOT_STARTED: "dim",
}

WIDTH = 88


def colour_on() -> bool:
    """Colour only on a terminal, and never with NO_COLOR in the environment."""
    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


def paint(text: str, style: str) -> str:
    """`text` in `style` (a key of CODES) when colour is on, else unchanged."""
    return f"\x1b[{CODES[style]}m{text}\x1b[0m" if colour_on() else text


def glyph(fancy: str, plain: str) -> str:
    """`fancy` if standard output can encode it, else the ASCII `plain`."""
    try:
        fancy.encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return plain
    return fancy


def tick() -> str:
    """The mark of a passed test or kata."""
    return paint(glyph("✓", "+"), "green")


def cross(style: str = "red") -> str:
    """The mark of a failed test or kata."""
    return paint(glyph("✗", "x"), style)


def mark(state: str) -> str:
    """✓ for a passed kata, · for one not started, ✗ for the rest, in the state's colour."""
    if state == "passed":
        return tick()
    if state == NOT_STARTED:
        return paint(glyph("·", "-"), "dim")
    return cross(STATE_STYLES[state])


def command(text: str) -> str:
    """A command for the student to type, set off in backquotes."""
    return paint(f"`{text}`", "cyan")


def where(path: Path) -> str:
    """`path` relative to the current folder when inside it, for messages."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` columns of a terminal, where a wide character
    (한글) takes two."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - columns, 0)


def wrap(text: str, indent: str = "  ") -> str:
    """Each paragraph of `text` wrapped to WIDTH columns, indented."""
    return "\n".join(
        textwrap.fill(line, WIDTH, initial_indent=indent, subsequent_indent=indent)
        for line in text.splitlines()
    )


def say(text: str = "") -> None:
    """One or more lines on standard output, flushed at once (watch is read through pipes)."""
    print(text, flush=True)


def error(text: str) -> None:
    """A problem with the command itself, on standard error."""
    print(f"kata: {text}", file=sys.stderr, flush=True)


@contextmanager
def running(text: str) -> Iterator[Progress | None]:
    """While a kata's tests run: `text` on standard error, followed by how many tests are done
    (the `runner.Progress` this yields), and erased once they are; for a person at a terminal
    only (it yields None otherwise)."""
    if not sys.stderr.isatty():
        yield None
        return

    def show(done: int, total: int) -> None:
        count = f" {texts.TESTS_DONE.format(done=done, total=total)}" if total else ""
        sys.stderr.write(f"\r{paint(text + count, 'dim')}\x1b[K")
        sys.stderr.flush()

    show(0, 0)
    try:
        yield show
    finally:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


def ask(question: str) -> bool:
    """Whether the student answers yes to `question`; no answer (end of input) is no."""
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        answer = ""
    if not sys.stdin.isatty():
        say(answer)  # what a terminal would have echoed
    return answer.strip().lower() in ("y", "yes")
