"""Tests of kata 05 (RLock).

Each scenario function runs in the judge's child process against your `reverse.py` and returns
plain observations; each test asserts on them here, in the pytest process. Most scenarios hand
your functions a `Probe`: a resource whose lock is re-entrant and knows how deep each thread
holds it, and whose value records every read and write with the hold it happened in.
"""

from __future__ import annotations

import threading

import pytest

from katakit import helpers
from katakit.judge import API_MISSING, SCRIPT_DEADLINE
from katakit.messages import rlock as M

FLIPS = [pytest.param(0, id="zero-to-one"), pytest.param(1, id="one-to-zero")]
SETTERS = [
    pytest.param("set_one", 0, 1, id="set_one"),
    pytest.param("set_zero", 1, 0, id="set_zero"),
]


# --- instrumented resource (used in the judge's child) ------------------------------------------


class DepthLock:
    """A re-entrant lock that knows how deep each thread holds it, and numbers each outer hold."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._depth: dict[threading.Thread, int] = {}
        self._hold: dict[threading.Thread, int] = {}
        self.holds = 0  # outermost acquisitions so far, by any thread

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        if not self._lock.acquire(blocking, timeout):
            return False
        me = threading.current_thread()
        self._depth[me] = self._depth.get(me, 0) + 1
        if self._depth[me] == 1:
            self.holds += 1
            self._hold[me] = self.holds
        return True

    def release(self) -> None:
        me = threading.current_thread()
        self._lock.release()  # raises RuntimeError, as any RLock, if this thread does not hold it
        self._depth[me] -= 1

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def depth(self) -> int:
        """How many times the calling thread holds the lock now."""
        return self._depth.get(threading.current_thread(), 0)

    def hold(self) -> int | None:
        """The number of the calling thread's current outermost hold; None when it holds none."""
        return self._hold[threading.current_thread()] if self.depth() else None


class Probe:
    """A resource whose `value` records ("read" | "write", value, hold number or None)."""

    def __init__(self, value: int) -> None:
        self.lock = DepthLock()
        self.stored = value
        self.log: list[tuple[str, object, int | None]] = []

    @property
    def value(self) -> int:
        self.log.append(("read", self.stored, self.lock.hold()))
        return self.stored

    @value.setter
    def value(self, new: int) -> None:
        self.log.append(("write", new, self.lock.hold()))
        self.stored = new


def plain(value: object) -> object:
    """`value` if it is a plain int (or None), else its repr: scenarios return plain values."""
    return value if value is None or type(value) in (int, bool) else repr(value)


# --- scenarios (run in the judge's child) -------------------------------------------------------


def call_on_probe(reverse, function, start):
    """`function`(probe) on a probe holding `start`."""
    probe = Probe(start)
    returned = getattr(reverse, function)(probe)
    return {
        "returned": plain(returned),
        "value": plain(probe.stored),
        "log": [(kind, plain(value), hold) for kind, value, hold in probe.log],
        "depth": probe.lock.depth(),
    }


def reverse_recording_setters(reverse, start):
    """set_reverse(probe) with set_one and set_zero wrapped to record each call."""
    probe = Probe(start)
    calls = []

    def recording(name):
        original = getattr(reverse, name)

        def setter(*args, **kwargs):
            calls.append(name)
            return original(*args, **kwargs)

        return setter

    for name in ("set_one", "set_zero"):
        setattr(reverse, name, recording(name))
    reverse.set_reverse(probe)
    return calls


def reverse_resource_twice(reverse):
    """set_reverse on a real Resource(), from 0, twice, in this thread: (before, returned, after)."""
    resource = reverse.Resource()
    resource.value = 0
    steps = []
    for _ in range(2):
        before = resource.value
        returned = reverse.set_reverse(resource)
        steps.append((plain(before), plain(returned), plain(resource.value)))
    return steps


def acquire_twice_in_one_thread(reverse):
    """Resource().lock.acquire(blocking=False), twice in this thread; each is released."""
    lock = reverse.Resource().lock
    first = lock.acquire(blocking=False)
    second = lock.acquire(blocking=False) if first else None
    for _ in range(bool(first) + bool(second)):
        lock.release()
    return plain(first), plain(second)


def second_thread_tries_while_held(reverse):
    """This thread holds Resource().lock while another tries acquire(blocking=False)."""
    lock = reverse.Resource().lock
    mine = lock.acquire(blocking=False)

    def attempt():
        got = lock.acquire(blocking=False)
        if got:
            lock.release()
        return got

    runner = helpers.Runner()
    runner.start("second", attempt)
    running = runner.join(helpers.seconds())
    if mine:
        lock.release()
    return {
        "mine": plain(mine),
        "other": plain(runner.results.get("second")),
        "error": runner.errors.get("second"),
        "running": running,
    }


# --- helpers (pytest side) ----------------------------------------------------------------------


def writes_of(seen):
    return [(value, hold) for kind, value, hold in seen["log"] if kind == "write"]


# --- tests --------------------------------------------------------------------------------------


@pytest.mark.parametrize("function, start, expected", SETTERS)
def test_set_one_and_set_zero_set_the_value(judge, function, start, expected):
    # Rule: set_one makes resource.value 1 and set_zero makes it 0, on the resource passed in.
    seen = judge.run(call_on_probe, function, start)
    assert seen["value"] == expected, M.VALUE_NOT_SET.format(
        function=function, got=seen["value"], expected=expected
    )


@pytest.mark.parametrize("function, start, expected", SETTERS)
def test_set_one_and_set_zero_hold_the_lock_while_writing(judge, function, start, expected):
    # Rule: set_one and set_zero write resource.value only while holding resource.lock.
    seen = judge.run(call_on_probe, function, start)
    writes = writes_of(seen)
    assert writes, M.VALUE_NOT_SET.format(function=function, got=seen["value"], expected=expected)
    assert all(hold is not None for _, hold in writes), M.WRITE_OUTSIDE_LOCK.format(function=function)


@pytest.mark.parametrize("start", FLIPS)
def test_set_reverse_flips_the_value(judge, start):
    # Rule: set_reverse turns 0 into 1 and 1 into 0.
    seen = judge.run(call_on_probe, "set_reverse", start)
    assert seen["value"] == 1 - start, M.VALUE_NOT_FLIPPED.format(
        start=start, got=seen["value"], expected=1 - start
    )


@pytest.mark.parametrize("start", FLIPS)
def test_set_reverse_returns_the_new_value(judge, start):
    # Rule: set_reverse returns the value it flipped to, not the one it found.
    seen = judge.run(call_on_probe, "set_reverse", start)
    assert seen["returned"] == 1 - start, M.RETURNED_WRONG.format(
        start=start, got=seen["returned"], expected=1 - start
    )


@pytest.mark.parametrize("start", FLIPS)
def test_set_reverse_calls_set_one_when_zero_and_set_zero_when_one(judge, start):
    # Rule: set_reverse changes the value through exactly one call of set_one (from 0) or set_zero (from 1).
    calls = judge.run(reverse_recording_setters, start)
    expected = ["set_one"] if start == 0 else ["set_zero"]
    assert calls, M.NOT_THROUGH_SETTERS
    assert calls == expected, M.WRONG_SETTER.format(start=start, got=calls, expected=expected[0])


@pytest.mark.parametrize("start", FLIPS)
def test_set_reverse_reads_and_writes_in_one_critical_section(judge, start):
    # Rule: the read that decides and the write it leads to happen in one outermost hold of the lock.
    seen = judge.run(call_on_probe, "set_reverse", start)
    log = seen["log"]
    first_write = next((i for i, (kind, _, _) in enumerate(log) if kind == "write"), None)
    assert first_write is not None, M.VALUE_NOT_FLIPPED.format(
        start=start, got=seen["value"], expected=1 - start
    )
    reads = [hold for kind, _, hold in log[:first_write] if kind == "read"]
    assert reads, M.NO_READ_BEFORE_WRITE
    assert None not in reads, M.READ_OUTSIDE_LOCK
    holds = set(reads) | {hold for _, hold in writes_of(seen)}
    assert len(holds) == 1, M.SPLIT_SECTIONS


@pytest.mark.parametrize(
    "function, start",
    [
        pytest.param("set_zero", 1, id="set_zero"),
        pytest.param("set_one", 0, id="set_one"),
        pytest.param("set_reverse", 0, id="set_reverse-zero-to-one"),
        pytest.param("set_reverse", 1, id="set_reverse-one-to-zero"),
    ],
)
def test_lock_is_free_again_after_each_call(judge, function, start):
    # Rule: when a function returns, the calling thread no longer holds resource.lock at all.
    seen = judge.run(call_on_probe, function, start)
    assert seen["depth"] == 0, M.LOCK_STILL_HELD.format(function=function, depth=seen["depth"])


def test_resource_lock_is_reentrant(judge):
    # Rule: the thread that holds Resource().lock can acquire it again (without waiting).
    first, second = judge.run(acquire_twice_in_one_thread)
    assert first is True, M.NEW_LOCK_HELD.format(got=first)
    assert second is True, M.NOT_REENTRANT.format(got=second)


def test_resource_lock_excludes_other_threads(judge):
    # Rule: while one thread holds Resource().lock, another thread cannot acquire it.
    seen = judge.run(second_thread_tries_while_held)
    assert seen["mine"] is True, M.NEW_LOCK_HELD.format(got=seen["mine"])
    assert not seen["running"], M.OTHER_THREAD_STUCK
    assert seen["error"] is None, M.OTHER_THREAD_FAILED.format(error=seen["error"])
    assert seen["other"] is False, M.NOT_EXCLUSIVE


def test_set_reverse_completes_with_the_resources_own_lock(judge):
    # Rule: set_reverse on a real Resource() returns (no deadlock), flipping 0 -> 1, then 1 -> 0.
    steps = judge.run(reverse_resource_twice, stuck=M.DEADLOCK, what="set_reverse(Resource())")
    for before, returned, after in steps:
        assert after == 1 - before, M.VALUE_NOT_FLIPPED.format(start=before, got=after, expected=1 - before)
        assert returned == after, M.RETURNED_WRONG.format(start=before, got=returned, expected=after)


def test_script_runs_its_demo(judge):
    # Rule: the file defines its API, and `python reverse.py` runs any demo it has to the end.
    missing = judge.run(helpers.missing_names, ("Resource", "set_zero", "set_one", "set_reverse"))
    assert not missing, API_MISSING.format(file="reverse.py", names=missing)
    if judge.has_demo():
        judge.run_script(deadline=SCRIPT_DEADLINE)
