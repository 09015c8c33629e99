"""The judge: student code runs in disposable child processes, never in the pytest process.

Its parts: `core` (the `Judge` a test uses), `launch` (starting a child and collecting what it
reports), `child` (the child's side), `verdict` (what came back, turned into a verdict),
`script` (the student's file run as a script), `render` (the student's lines of a stack or
traceback) and `texts` (the judge's own messages). None of them imports pytest or fails a
test: a failure is a `Failed`, which the plugin turns into the test's failure.
"""

from katakit.judge.core import Judge, Target
from katakit.judge.verdict import Failed

__all__ = ["Failed", "Judge", "Target"]
