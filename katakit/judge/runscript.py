"""Run a student's file as a script, as ``python FILE`` would, with a chosen start method.

``python -m katakit.judge.runscript --start-method spawn FILE [ARG...]``

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
from typing import Callable

from katakit.instruments import bubble, processes

#: The exit code of a script found stuck for good, by the bubble or by the queue watch; its
#: stderr then holds MARKER and the kind (a key of `katakit.judge.verdict.FOUND_ENDS`), the
#: report, and END: what follows END (a warning that multiprocessing's resource tracker prints
#: once the script has gone) is not the report. `katakit.judge.script` reads them.
FOUND_EXIT = 75
MARKER = "katakit-found:"
END = f"{MARKER} end"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m katakit.judge.runscript")
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
    else:
        write = count_calls(str(path), options.calls_file) if options.calls_file else lambda: None
        processes.watch_queues(str(path), lambda kind, text: exit_stuck(kind, text, write))
    code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
    exec(code, module.__dict__)


def exit_stuck(kind: str, text: object, write_calls: Callable[[], object]) -> None:
    """Say on stderr how the script is stuck for good (MARKER and `kind`, then `text`, then END),
    write the count of its calls with `write_calls`, and exit FOUND_EXIT."""
    sys.stdout.flush()
    sys.stderr.write(f"\n{MARKER} {kind}\n{text}\n{END}\n")
    sys.stderr.flush()
    write_calls()
    os._exit(FOUND_EXIT)


def in_bubble(path: Path, report: Path | None, spin: float, block: float) -> None:
    """Run the script in a bubble; if it gets stuck, `exit_stuck`. The bubble counts the calls
    of the file's functions, written to `report` at exit."""

    def write_calls() -> None:
        if report:
            report.write_text(str(found.calls))

    found = bubble.install(path, lambda kind, text: exit_stuck(kind, text, write_calls), spin, block)
    atexit.register(write_calls)


def count_calls(filename: str, report: Path) -> Callable[[], object]:
    """Count, in every thread, the calls of functions defined in `filename`; write the count to
    `report` when the interpreter exits (a demo that calls none of them shows nothing of it).
    Returns what writes it."""
    calls = [0]

    def profile(frame, event, arg):
        if event == "call" and frame.f_code.co_filename == filename:
            calls[0] += 1

    sys.setprofile(profile)
    threading.setprofile(profile)

    def write_calls() -> int:
        return report.write_text(str(calls[0]))

    atexit.register(write_calls)
    return write_calls


if __name__ == "__main__":
    main()
