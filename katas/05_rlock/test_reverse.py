"""The rules of kata 05: a re-entrant lock, and reading and writing in one critical section.

Each test is one rule, stated in its docstring. `judge.run(S.scenario, ...)` runs a scenario
(from this kata's .meta/scenarios.py) against your reverse.py in a separate process and returns
what it saw; the test checks the rule on that. Most scenarios hand your functions a probe: a
resource whose lock knows how deep each thread holds it, and whose value records every read and
write with the lock hold it happened in. One probe also lets another thread flip the value as
soon as the lock is free again, so a value read after the release is seen to be a stranger's.
"""

from __future__ import annotations

import pytest

from katakit import rules

S = rules.scenarios(__file__)
M = rules.messages(__file__)

FLIPS = [pytest.param(0, id="zero-to-one"), pytest.param(1, id="one-to-zero")]
SETTERS = [
    pytest.param("set_one", 0, 1, id="set_one"),
    pytest.param("set_zero", 1, 0, id="set_zero"),
]


def test_new_resource_starts_at_zero(judge):
    """A new Resource() has value 0."""
    value = judge.run(S.new_resource_value)
    assert value == 0, M.NEW_VALUE_NOT_ZERO.format(got=value)


@pytest.mark.parametrize("function, start, expected", SETTERS)
def test_set_one_and_set_zero_set_the_value(judge, function, start, expected):
    """set_one makes resource.value 1 and set_zero makes it 0, on the resource passed in."""
    seen = judge.run(S.call_on_probe, function, start)
    assert seen["value"] == expected, M.VALUE_NOT_SET.format(
        function=function, got=seen["value"], expected=expected
    )


@pytest.mark.parametrize("function, start, expected", SETTERS)
def test_set_one_and_set_zero_hold_the_lock_while_writing(judge, function, start, expected):
    """set_one and set_zero write resource.value only while holding resource.lock."""
    seen = judge.run(S.call_on_probe, function, start)
    writes = writes_of(seen)
    assert writes, M.VALUE_NOT_SET.format(function=function, got=seen["value"], expected=expected)
    assert all(hold is not None for _, hold in writes), M.WRITE_OUTSIDE_LOCK.format(function=function)


@pytest.mark.parametrize("start", FLIPS)
def test_set_reverse_flips_the_value(judge, start):
    """set_reverse turns 0 into 1 and 1 into 0."""
    seen = judge.run(S.call_on_probe, "set_reverse", start)
    assert seen["value"] == 1 - start, M.VALUE_NOT_FLIPPED.format(
        start=start, got=seen["value"], expected=1 - start
    )


@pytest.mark.parametrize("start", FLIPS)
def test_set_reverse_returns_the_new_value(judge, start):
    """set_reverse returns the value it flipped to, not the one it found."""
    seen = judge.run(S.call_on_probe, "set_reverse", start)
    assert seen["returned"] == 1 - start, M.RETURNED_WRONG.format(
        start=start, got=seen["returned"], expected=1 - start
    )


@pytest.mark.parametrize("start", FLIPS)
def test_set_reverse_returns_the_value_it_set_not_a_later_one(judge, start):
    """set_reverse returns the value it flipped to, even when another thread flips the value
    again as soon as resource.lock is free."""
    seen = judge.run(S.call_on_probe, "set_reverse", start, True)
    log = seen["log"]
    writes = [i for i, (kind, _, _) in enumerate(log) if kind == "write"]
    late = writes and any(kind == "read" and hold is None for kind, _, hold in log[writes[-1]:])
    message = M.RETURNED_AFTER_RELEASE if late else M.RETURNED_WRONG
    assert seen["returned"] == 1 - start, message.format(
        start=start, got=seen["returned"], expected=1 - start
    )


@pytest.mark.parametrize("start", FLIPS)
def test_set_reverse_calls_set_one_when_zero_and_set_zero_when_one(judge, start):
    """set_reverse changes the value through exactly one call of set_one (from 0) or set_zero (from 1)."""
    calls = judge.run(S.reverse_recording_setters, start)
    expected = ["set_one"] if start == 0 else ["set_zero"]
    assert calls, M.NOT_THROUGH_SETTERS
    assert calls == expected, M.WRONG_SETTER.format(start=start, got=calls, expected=expected[0])


@pytest.mark.parametrize("start", FLIPS)
def test_set_reverse_reads_and_writes_in_one_critical_section(judge, start):
    """The read that decides and the write it leads to happen in one outermost hold of the lock."""
    seen = judge.run(S.call_on_probe, "set_reverse", start)
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


@pytest.mark.parametrize("start", FLIPS)
def test_set_reverse_writes_with_the_lock_taken_again_by_the_setter(judge, start):
    """set_reverse's write happens inside set_one or set_zero, which takes resource.lock again
    within set_reverse's own hold: at the write, its thread holds it one time more than when
    the setter was called, and at least twice."""
    seen = judge.run(S.reverse_with_setter_depths, start)
    assert seen["write_depths"], M.VALUE_NOT_FLIPPED.format(
        start=start, got=seen["value"], expected=1 - start
    )
    assert seen["called_at"], M.NOT_THROUGH_SETTERS
    called_at = seen["called_at"][-1]
    for depth in seen["write_depths"]:
        assert depth >= 2 and depth > called_at, M.SETTER_DID_NOT_TAKE_THE_LOCK.format(
            start=start, depth=depth, called_at=called_at
        )


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
    """When a function returns, the calling thread no longer holds resource.lock at all."""
    seen = judge.run(S.call_on_probe, function, start)
    assert seen["depth"] == 0, M.LOCK_STILL_HELD.format(function=function, depth=seen["depth"])


@pytest.mark.parametrize(
    "function, start",
    [
        pytest.param("set_one", 0, id="set_one"),
        pytest.param("set_zero", 1, id="set_zero"),
        pytest.param("set_reverse", 0, id="set_reverse"),
    ],
)
def test_functions_wait_while_another_thread_holds_the_lock(judge, function, start):
    """While another thread holds resource.lock, a function touches nothing; it goes on once the lock is free."""
    seen = judge.run(S.call_while_another_thread_holds, function, start, deadline=3.0)
    error = seen["error"]
    afterwards = M.AFTERWARDS_RAISED.format(error=error) if error else M.AFTERWARDS_NOTHING
    assert not seen["during"], M.ACQUIRE_RESULT_IGNORED.format(
        function=function, during=seen["during"], afterwards=afterwards
    )
    assert seen["waiting"], M.NOT_WAITING_FOR_LOCK.format(function=function)
    assert not seen["running"], M.NOT_DONE_AFTER_RELEASE.format(function=function)


def test_resource_lock_is_reentrant(judge):
    """The thread that holds Resource().lock can acquire it again (without waiting)."""
    first, second = judge.run(S.acquire_twice_in_one_thread)
    assert first is True, M.NEW_LOCK_HELD.format(got=first)
    assert second is True, M.NOT_REENTRANT.format(got=second)


def test_resource_lock_excludes_other_threads(judge):
    """While one thread holds Resource().lock, another thread cannot acquire it."""
    seen = judge.run(S.second_thread_tries_while_held)
    assert seen["mine"] is True, M.NEW_LOCK_HELD.format(got=seen["mine"])
    assert not seen["running"], M.OTHER_THREAD_STUCK
    assert seen["error"] is None, M.OTHER_THREAD_FAILED.format(error=seen["error"])
    assert seen["same"], M.NEW_LOCK_EACH_READ
    assert seen["other"] is False, M.NOT_EXCLUSIVE


def test_resource_lock_stays_held_until_released_as_often_as_acquired(judge):
    """A thread that acquired Resource().lock twice and released it once still holds it."""
    other = judge.run(S.other_thread_tries_after_one_of_two_releases)
    assert other is not True, M.FREED_BY_ONE_RELEASE


def test_set_reverse_completes_with_the_resources_own_lock(judge):
    """set_reverse on a real Resource() returns (no deadlock), flipping 0 -> 1, then 1 -> 0."""
    steps = judge.run(S.reverse_resource_twice, stuck=M.DEADLOCK, what="set_reverse(Resource())")
    for before, returned, after in steps:
        assert after == 1 - before, M.VALUE_NOT_FLIPPED.format(start=before, got=after, expected=1 - before)
        assert returned == after, M.RETURNED_WRONG.format(start=before, got=returned, expected=after)


@pytest.mark.parametrize("switching", rules.SWITCHINGS)
@pytest.mark.parametrize(
    "n, times", [pytest.param(2, 3, id="two-threads"), pytest.param(3, 2, id="three-threads")]
)
def test_set_reverse_flips_once_a_call_when_threads_switch_between_instructions(
    judge, n, times, switching
):
    """Threads calling set_reverse on one Resource() flip it once a call, each call returning
    the value it set, even when the threads switch between the instructions of reverse.py."""
    seen = judge.run(
        S.reverse_in_threads, n, times,
        stuck=M.RACED_STUCK, what="set_reverse(Resource())", switching=switching,
        hints={rules.NOT_A_STUB: M.RACED_RAISED},
    )
    assert not seen["running"], M.RACED_RUNNING.format(names=seen["running"])
    calls = n * times
    expected = sorted([1, 0] * (calls // 2))
    assert seen["returned"] == expected and seen["value"] == calls % 2, M.RACED.format(
        n=n, times=times, got=seen["returned"], value=seen["value"], expected=expected,
        final=calls % 2,
    )


def test_script_runs_its_demo(judge):
    """The file defines its API, and `python reverse.py` runs any demo it has to the end."""
    judge.check_api("Resource", "set_zero", "set_one", "set_reverse")
    judge.run_demo()


# --- checks shared by several rules -------------------------------------------------------------


def writes_of(seen):
    return [(value, hold) for kind, value, hold in seen["log"] if kind == "write"]
