"""The deadlines of scenarios' waits, scaled like the judge's own.

Every instrument takes its timeouts in the scenario's own seconds (WAIT, a kata's SETTLE...)
and scales them itself, once; a deadline shared by several waits is an absolute
`time.monotonic()` value from `until`, whose `left` seconds are real ones.
"""

from __future__ import annotations

import time

#: The deadline scale of this run; the judge's child sets it from the plugin's setting, except
#: in a bubble, where the clock is virtual and waits are never scaled.
SCALE = 1.0
#: Seconds a scenario waits for something a correct solution does at once (before scaling).
WAIT = 1.0


def seconds(value: float = WAIT) -> float:
    """`value` seconds, scaled by the run's deadline scale."""
    return value * SCALE


def until(timeout: float | None = None) -> float:
    """The `time.monotonic()` at which `timeout` seconds (default WAIT), scaled, are up."""
    return time.monotonic() + seconds(WAIT if timeout is None else timeout)


def pass_time(value: float) -> None:
    """Let `value` seconds (scaled) pass on the clock. In a bubble (the thread katas' judge
    child) this costs nothing real: the clock jumps once every thread waits. A scenario uses it
    where a rule needs time to have passed (a remaining timeout that must have shrunk)."""
    time.sleep(seconds(value))


def observed() -> None:
    """The scenario has taken the observations it returns: in a bubble, a failure shows the
    student's steps up to here, not those of the scenario's clearing up."""
    from katakit.instruments import bubble

    if bubble.BUBBLE is not None:
        bubble.BUBBLE.observed()


def left(end: float) -> float:
    """Seconds left until `end` (a `time.monotonic()` value), never below 0."""
    return max(0.0, end - time.monotonic())
