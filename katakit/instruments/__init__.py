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
spawns. It never imports pytest.
"""

from katakit.instruments.locks import RecordingCondition, SelfDeadlock, TrackedLock, is_reentrant
from katakit.instruments.monitor import MONITOR, Monitor
from katakit.instruments.semaphores import (
    SEMAPHORES,
    RecordingBoundedSemaphore,
    RecordingSemaphore,
    ever_slotted,
    holds_a_slot,
    record_semaphores,
    was_refused,
)
from katakit.instruments.threads import (
    THREAD,
    THREADS,
    RecordingThread,
    Runner,
    finish_others,
    join_all,
    record_threads,
)
from katakit.instruments.timing import WAIT, left, observed, pass_time, seconds, until
from katakit.instruments.values import plain

__all__ = [
    "MONITOR",
    "SEMAPHORES",
    "THREAD",
    "THREADS",
    "WAIT",
    "Monitor",
    "RecordingBoundedSemaphore",
    "RecordingCondition",
    "RecordingSemaphore",
    "RecordingThread",
    "Runner",
    "SelfDeadlock",
    "TrackedLock",
    "ever_slotted",
    "finish_others",
    "holds_a_slot",
    "is_reentrant",
    "join_all",
    "left",
    "observed",
    "pass_time",
    "plain",
    "record_semaphores",
    "record_threads",
    "seconds",
    "until",
    "was_refused",
]
