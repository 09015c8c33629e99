"""The instruments of the katas' scenarios, in the manner of ``trio.testing``: the code that runs
around the student's code in a judge's child, and records what it does.

A kata's rule is two halves. Its *scenario* (a function of the kata's ``.meta/scenarios.py``,
called as ``scenario(module, *args)``) runs in the judge's disposable child: it drives the
student's module and returns plain observations (`plain`). The *test* runs in the pytest process
and asserts on those observations with a teaching message.

Rules for scenarios, and what the instruments give them:

- Order events with instrumented objects, `threading.Event`, `Barrier` and queues, never with
  sleep. Every instrument announces each change of what it records on one `MONITOR`, on which a
  scenario waits for the state it wants (`MONITOR.wait_until`).
- Every wait has a deadline (`seconds`, scaled like the judge's own deadline and shorter than
  it), so that a wrong solution ends as an observation ("only 4 threads got inside"), not as a
  stuck child. Only a wrong solution ever reaches one.
- The scenario's own threads are daemon threads started by a `Runner`, which keeps what each
  returned or raised (or lets an exception escape, to fail the test at once).
- The student's threads, locks, conditions, semaphores and processes are replaced by recording
  ones (`record_threads`, `record_semaphores`, `TrackedLock`, `RecordingCondition`,
  `RecordingContext`, ...) that behave as the real ones and keep what happened.

This package stays light: every judge child imports it, and so do processes the student's code
spawns. It never imports pytest, and imports each of its modules only when a name of it is
first asked for (PEP 562): a spawned child that needs `processes` alone pays for nothing else.
"""

from __future__ import annotations

import importlib
from typing import Any

#: Each name the package gives, with the module it comes from.
_FROM = {
    "RecordingCondition": "locks",
    "SelfDeadlock": "locks",
    "TrackedLock": "locks",
    "is_reentrant": "locks",
    "MONITOR": "monitor",
    "Monitor": "monitor",
    "SEMAPHORES": "semaphores",
    "RecordingBoundedSemaphore": "semaphores",
    "RecordingSemaphore": "semaphores",
    "ever_slotted": "semaphores",
    "holds_a_slot": "semaphores",
    "record_semaphores": "semaphores",
    "was_refused": "semaphores",
    "THREAD": "threads",
    "THREADS": "threads",
    "RecordingThread": "threads",
    "Runner": "threads",
    "finish_others": "threads",
    "join_all": "threads",
    "record_threads": "threads",
    "WAIT": "timing",
    "left": "timing",
    "observed": "timing",
    "pass_time": "timing",
    "seconds": "timing",
    "until": "timing",
    "plain": "values",
}

__all__ = sorted(_FROM)
#: The modules those names come from, by full name.
MODULES = tuple(f"{__name__}.{module}" for module in sorted(set(_FROM.values())))


def __getattr__(name: str) -> Any:
    if name not in _FROM:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_FROM[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_FROM})
