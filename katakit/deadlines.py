"""Every deadline of the katas, and the one scale that multiplies them all.

The scale comes from the KATA_TIMEOUT_SCALE environment variable, else the ``kata_timeout_scale``
ini option of pytest's configuration (default 1). Raise it on a slow or overloaded machine.
"""

from __future__ import annotations

#: The environment variable of the scale; it wins over the ini option.
SCALE_ENV = "KATA_TIMEOUT_SCALE"
#: The pytest ini option of the scale.
SCALE_INI = "kata_timeout_scale"
#: The environment variable that sets the judge's child's thread switch interval, in seconds
#: (sys.setswitchinterval; `kata stress --switch`): threads handing over far more often than
#: every 5 ms reach interleavings a quiet run seldom does. A verdict must not depend on it.
SWITCH_ENV = "KATA_SWITCH_INTERVAL"

#: Seconds a scenario may take before it is judged stuck, before scaling.
DEFAULT_DEADLINE = 2.0
#: Seconds a stuck child gets to report its stacks, and an exited one to release its processes.
GRACE = 1.0
#: Seconds the judge's child may take to start, before scaling. A scenario's deadline counts
#: from the moment its child is ready, so a slow start (``spawn`` on a busy machine) is never
#: blamed on the student's code; only a machine far too busy for the katas reaches this.
START_LIMIT = 30.0
#: Seconds a kata's demo script may go without printing a line while none of its processes
#: uses the CPU; busy, it may go on for START_LIMIT more (see `katakit.judge.script`).
SCRIPT_DEADLINE = 8.0
#: CPU seconds a judge child in a bubble may spend before its running threads count as
#: spinning (at least this, whatever the scale); a thread kata's scenario needs a few hundredths.
SPIN_LIMIT = 1.0
#: Real seconds code in a bubble may stay stuck where the bubble cannot see (neither CPU time
#: nor a wait or wake-up) before it counts as stuck (at least this, whatever the scale).
BLOCK_FLOOR = 1.0
#: Seconds the parent gives a bubble's child to report what it found, as a backstop (before
#: scaling, and never less): a spin's CPU limit takes far longer than itself on a busy machine.
BUBBLE_BACKSTOP = 30.0
#: Seconds pytest-timeout gives any one kata test, before scaling (and never less): a backstop
#: against bugs of the judge itself.
TEST_BACKSTOP = 60.0


def parse_scale(value: str | float | None) -> float:
    """The scale written as `value`; empty or None is 1. Not positive: ValueError."""
    scale = float(value) if value not in (None, "") else 1.0
    if scale <= 0:
        raise ValueError(f"the deadline scale must be positive, got {value!r}")
    return scale
