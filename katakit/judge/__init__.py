"""The judge: student code runs in disposable child processes, never in the pytest process.

Its parts: `core` (the `Judge` a test uses), `launch` (starting a child and collecting what it
reports), `child` (the child's side), `verdict` (what came back, turned into a verdict),
`script` (the student's file run as a script), `render` (the student's lines of a stack or
traceback) and `texts` (the judge's own messages). None of them imports pytest or fails a
test: a failure is a `Failed`, which the plugin turns into the test's failure.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["Failed", "Judge", "Target"]

#: Where each name of the package is defined. Imported when first asked for: a process that runs
#: only the child's side (a student's script, through `katakit.judge.runscript`) never loads the
#: parent's, which took 70 of a script's 90 ms here.
_HOMES = {"Judge": "katakit.judge.core", "Target": "katakit.judge.core", "Failed": "katakit.judge.verdict"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
