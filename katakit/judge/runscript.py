"""Run a student's file as a script, as ``python FILE`` would, with a chosen start method.

``python -m katakit.runscript --start-method spawn FILE [ARG...]``

The file runs as the real ``__main__`` module (also registered as ``__mp_main__``, as
multiprocessing does for a script), so that children started with spawn or forkserver re-import
it exactly as they would import ``python FILE``: a module without the ``if __name__ ==
"__main__":`` guard fails here as it would there.
"""

from __future__ import annotations

import argparse
import atexit
import multiprocessing
import os
import sys
import threading
import types
from pathlib import Path

from katakit.instruments import bubble
from katakit.judge.script import BUBBLE_EXIT, MARKER


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m katakit.runscript")
    parser.add_argument("--start-method", choices=multiprocessing.get_all_start_methods())
    parser.add_argument("--calls-file", type=Path, help="write here how many calls of the file's functions ran")
    parser.add_argument(
        "--bubble",
        nargs=2,
        type=float,
        metavar=("SPIN", "BLOCK"),
        help="run in a bubble (katakit.instruments.bubble) with these spin and block limits",
    )
    parser.add_argument("file", type=Path)
    parser.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)
    if options.start_method:
        multiprocessing.set_start_method(options.start_method, force=True)
    path = options.file.resolve()
    sys.argv = [str(path), *options.args]
    sys.path[0] = str(path.parent)
    module = types.ModuleType("__main__")
    module.__file__ = str(path)
    module.__builtins__ = __builtins__
    sys.modules["__main__"] = sys.modules["__mp_main__"] = module
    if options.bubble:
        in_bubble(path, options.calls_file, *options.bubble)
    elif options.calls_file:
        count_calls(str(path), options.calls_file)
    code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
    exec(code, module.__dict__)


def in_bubble(path: Path, report: Path | None, spin: float, block: float) -> None:
    """Run the script in a bubble; if it gets stuck, say how on stderr and exit BUBBLE_EXIT.
    The bubble counts the calls of the file's functions, written to `report` at exit."""

    def stuck(kind: str, text: str) -> None:
        sys.stdout.flush()
        sys.stderr.write(f"\n{MARKER} {kind}\n{text}\n")
        sys.stderr.flush()
        if report:
            report.write_text(str(found.calls))
        os._exit(BUBBLE_EXIT)

    found = bubble.install(path, stuck, spin, block)
    if report:
        atexit.register(lambda: report.write_text(str(found.calls)))


def count_calls(filename: str, report: Path) -> None:
    """Count, in every thread, the calls of functions defined in `filename`; write the count to
    `report` when the interpreter exits (a demo that calls none of them shows nothing of it)."""
    calls = [0]

    def profile(frame, event, arg):
        if event == "call" and frame.f_code.co_filename == filename:
            calls[0] += 1

    sys.setprofile(profile)
    threading.setprofile(profile)
    atexit.register(lambda: report.write_text(str(calls[0])))


if __name__ == "__main__":
    main()
