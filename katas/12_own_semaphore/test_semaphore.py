"""The rules of kata 12: your own Semaphore and BoundedSemaphore, held to threading's contract.

Each test is one rule, stated in its docstring, and runs against both of your classes.
`judge.run(S.scenario, ...)` runs a scenario (from this kata's .meta/scenarios.py) against your
semaphore.py in a separate process and returns what it saw; the test checks the rule on that.
The same rules pass on threading.Semaphore and threading.BoundedSemaphore themselves (the repo's
own tests check it), except the first, which forbids using them.

Your code runs in a bubble whose clock moves only when every thread waits: a scenario lets an
instant pass to see what every thread did, and acquire(timeout=10) times out after exactly 10
seconds of that clock, at no real cost. So no rule depends on how fast a thread runs, and
"returned False exactly when its time was up" is a rule, not a hope.
"""

from __future__ import annotations

import math

import pytest

from katakit import rules

S = rules.scenarios(__file__)
M = rules.messages(__file__)

#: What the judge adds when your code raises "cannot notify on un-acquired lock" & co.
HINTS = {r"un-acquired lock": M.NOT_HELD}

KINDS = [pytest.param(kind, id=kind) for kind in S.KINDS]
#: Threads started at once for the rule whose threads switch between instructions: the class,
#: its value, the slots taken first, the threads that each hold a slot for a while, the n of each
#: release(n) made by a thread of its own, the threads that each acquire a slot and keep it, and
#: those that each take a slot with acquire(blocking=False) if one is free and keep it; then how
#: many releases must raise ValueError and how many slots must be free at the end.
CROWDS = [
    pytest.param(("BoundedSemaphore", 2, 0, 5, (), 0, 0, 0, 2), id="five-users-two-slots"),
    pytest.param(("BoundedSemaphore", 1, 1, 0, (1, 1), 0, 0, 1, 1), id="two-releases-one-bound"),
    pytest.param(("Semaphore", 0, 0, 0, (2, 1), 3, 0, 0, 0), id="three-waiters-two-releases"),
    pytest.param(("Semaphore", 1, 0, 0, (), 0, 2, 0, 0), id="two-lookers-one-slot"),
    pytest.param(("Semaphore", 2, 0, 1, (), 0, 1, 0, 1), id="a-user-and-a-looker-two-slots"),
]


def test_neither_class_is_built_on_a_ready_made_semaphore_or_queue(judge):
    """Semaphore and BoundedSemaphore neither are, subclass, make nor borrow the methods of a
    semaphore or a queue of threading, queue or multiprocessing."""
    seen = run(judge, S.made_of)
    judge.leftovers.clear()  # a call left stuck is the other rules' business
    for call, made, site, line, itself in seen["made"]:
        where = where_made(site, line, M.THE_CLASS_ITSELF if itself else M.MADE_ELSEWHERE)
        pytest.fail(
            M.BUILT_ON_READY_MADE.format(doing=call or M.IMPORTING, made=made, where=where),
            pytrace=False,
        )
    for call, method, site, line in seen["borrowed"]:
        where = where_made(site, line, "")
        pytest.fail(
            M.BORROWS_READY_MADE.format(doing=call or M.IMPORTING, method=method, where=where),
            pytrace=False,
        )


@pytest.mark.parametrize("kind", KINDS)
def test_negative_value_raises_value_error(judge, kind):
    """Making a semaphore with a value below 0 raises ValueError."""
    raised = run(judge, S.negative_value, kind, -1)
    assert raised == "ValueError", M.NEGATIVE_VALUE.format(kind=kind, value=-1)


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"blocking": False}, id="no-timeout"),
        pytest.param({"blocking": False, "timeout": S.LONG}, id="with-a-timeout"),
    ],
)
@pytest.mark.parametrize("kind", KINDS)
def test_non_blocking_acquire_with_no_slot_free_returns_false_at_once(judge, kind, kwargs):
    """acquire(blocking=False) with no slot free returns False without waiting, also when given
    a timeout (or raises ValueError then, as threading's own do)."""
    seen = run(judge, S.acquire_at_zero, kind, kwargs)
    facts = {"kind": kind, "call": seen["call"]}
    assert seen["returned"], M.NON_BLOCKING_BLOCKED.format(**facts, limit=seen["limit"])
    if seen["value"] == "ValueError":
        return
    assert seen["value"] is False, M.NON_BLOCKING_NOT_FALSE.format(**facts, value=seen["value"])
    waited = M.NON_BLOCKING_TIMEOUT_WAITED if "timeout" in kwargs else M.NON_BLOCKING_WAITED
    assert exactly(seen["elapsed"], 0), waited.format(**facts, elapsed=seen["elapsed"])


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({}, id="blocking"),
        pytest.param({"blocking": False}, id="non-blocking"),
        pytest.param({"timeout": S.LONG}, id="timed"),
    ],
)
@pytest.mark.parametrize("kind", KINDS)
def test_acquire_takes_a_free_slot_at_once(judge, kind, kwargs):
    """With a slot free, acquire() takes exactly one and returns True at once, whatever its
    arguments."""
    seen = run(judge, S.acquire_free, kind, kwargs)
    facts = {"kind": kind, "call": seen["call"]}
    assert seen["returned"], M.FREE_SLOT_BLOCKED.format(**facts)
    assert seen["value"] is True, M.FREE_SLOT_REFUSED.format(**facts, value=seen["value"])
    assert exactly(seen["elapsed"], 0), M.FREE_SLOT_WAITED.format(
        **facts, elapsed=seen["elapsed"]
    )
    assert seen["free"] == 1, M.FREE_SLOT_NOT_TAKEN.format(**facts, free=seen["free"])


@pytest.mark.parametrize("kind", KINDS)
def test_default_value_is_one(judge, kind):
    """A semaphore made without a value has one slot."""
    free = run(judge, S.default_value, kind)
    assert free == 1, M.DEFAULT_VALUE.format(kind=kind, free=free)


@pytest.mark.parametrize("value", [pytest.param(0, id="zero"), pytest.param(3, id="three")])
@pytest.mark.parametrize("kind", KINDS)
def test_value_is_the_number_of_free_slots(judge, kind, value):
    """A semaphore made with a value has exactly that many slots free, 0 included."""
    free = run(judge, S.value_slots, kind, value, hints={r"^ValueError": M.ZERO_REFUSED})
    assert free == value, M.VALUE_SLOTS.format(kind=kind, value=value, free=free)


@pytest.mark.parametrize(
    "waiters, n, timeout",
    [
        pytest.param(3, 1, None, id="three-waiters-release-1"),
        pytest.param(5, 3, None, id="five-waiters-release-3"),
        pytest.param(4, 4, None, id="four-waiters-release-4"),
        pytest.param(5, 2, S.LONG, id="five-timed-waiters-release-2"),
    ],
)
@pytest.mark.parametrize("kind", KINDS)
def test_release_n_lets_exactly_n_waiters_through(judge, kind, waiters, n, timeout):
    """release(n) lets exactly n of the threads waiting in acquire() through, at once."""
    seen = run(judge, S.waiters_then_release, kind, waiters, n, timeout)
    assert_bools(seen["values"])
    early = seen["early"].count(True)
    assert not early, M.PASSED_WITH_NO_SLOT.format(kind=kind, count=early, waiters=waiters)
    facts = none_gave_up(seen, kind, waiters, n=n)
    if seen["passed"] < n and not seen["free"]:
        pytest.fail(M.SLOTS_GONE.format(**facts), pytrace=False)
    if seen["passed"] < n and seen["napping"]:
        pytest.fail(M.POLLS.format(kind=kind, sites=", ".join(seen["napping"])), pytrace=False)
    assert seen["passed"], M.NOBODY_WOKEN.format(**facts)
    assert seen["passed"] >= n, M.TOO_FEW_WOKEN.format(**facts)
    assert seen["passed"] == n, M.TOO_MANY_PASSED.format(**facts)
    assert seen["free"] == 0, M.SLOT_NOT_TAKEN.format(**facts)


@pytest.mark.parametrize(
    "releases, waiters",
    [
        pytest.param(2, 2, id="two-releases-two-waiters"),
        pytest.param(2, 3, id="two-releases-three-waiters"),
    ],
)
@pytest.mark.parametrize("kind", KINDS)
def test_releases_in_a_row_let_as_many_waiters_through(judge, kind, releases, waiters):
    """release() called again before the waiter it woke has run lets one more waiter through."""
    seen = run(judge, S.releases_in_a_row, kind, waiters, releases)
    assert_bools(seen["values"])
    facts = none_gave_up(seen, kind, waiters, releases=releases)
    if seen["passed"] < releases and seen["free"]:
        pytest.fail(M.WAKEUP_SKIPPED.format(**facts), pytrace=False)
    assert seen["passed"] == releases and not seen["free"], M.RELEASES_IN_A_ROW.format(**facts)


@pytest.mark.parametrize(
    "waiters", [pytest.param(2, id="two-waiters"), pytest.param(3, id="three-waiters")]
)
@pytest.mark.parametrize("kind", KINDS)
def test_releases_after_a_late_comer_took_a_woken_waiters_slot_let_every_waiter_through(
    judge, kind, waiters
):
    """When a thread coming later takes the slot of the waiter a release() woke, that waiter
    waits again, and one more release() per waiter lets every waiter through."""
    seen = run(judge, S.late_comer_takes_the_slot, kind, waiters)
    assert_bools(seen["values"])
    assert seen["passed"] >= waiters, M.WAKEUP_LOST_AFTER_A_LATE_COMER.format(
        kind=kind, waiters=waiters, late=seen["late"], passed=seen["passed"], free=seen["free"]
    )


@pytest.mark.parametrize("kind", KINDS)
def test_a_release_as_a_timed_acquire_times_out_is_not_lost(judge, kind):
    """A release() whose wake-up reaches an acquire(timeout=t) just as its time runs out still
    lets a waiting thread through."""
    seen = run(judge, S.notified_as_time_runs_out, kind)
    assert_bools(seen["values"])
    assert seen["passed"], M.NOTIFY_LOST_AT_TIMEOUT.format(kind=kind, free=seen["free"])
    assert seen["passed"] == 1, M.TOO_MANY_PASSED.format(
        kind=kind, n=1, passed=seen["passed"], waiters=2
    )


@pytest.mark.parametrize("kind", KINDS)
def test_release_before_anyone_waits_is_not_lost(judge, kind):
    """release(n) made while nobody waits lets exactly n of the threads that acquire() later
    through."""
    n, waiters = 2, 3
    seen = run(judge, S.release_then_waiters, kind, n, waiters)
    assert_bools(seen["values"])
    facts = none_gave_up(seen, kind, waiters, n=n)
    assert seen["passed"] >= n, M.RELEASE_LOST.format(**facts)
    assert seen["passed"] == n, M.TOO_MANY_PASSED.format(**facts)
    assert seen["free"] == 0, M.SLOT_NOT_TAKEN.format(**facts)


@pytest.mark.parametrize("kind", KINDS)
def test_a_release_between_an_acquires_look_and_its_sleep_is_not_lost(judge, kind):
    """A release() that comes after an acquire() has looked at the count, and before it sleeps,
    still lets that acquire() through."""
    seen = run(judge, S.release_between_look_and_sleep, kind)
    if seen["held"]:
        assert seen["passed"], M.LET_GO_BEFORE_SLEEPING.format(kind=kind, free=seen["free"])
    assert seen["passed"], M.NOBODY_WOKEN.format(kind=kind, n=1, waiters=1)


@pytest.mark.parametrize("kind", KINDS)
def test_a_waiter_woken_by_release_finds_its_slot(judge, kind):
    """A thread that release() woke finds its slot, even when it gets the condition back before
    release() has returned."""
    seen = run(judge, S.woken_before_release_returns, kind)
    assert seen["passed"], M.NOTIFIED_BEFORE_COUNT.format(kind=kind, free=seen["free"])


@pytest.mark.parametrize("released", ["first", "second"])
@pytest.mark.parametrize("kind", KINDS)
def test_release_lets_a_waiter_of_its_own_semaphore_through(judge, kind, released):
    """With a thread waiting on each of two semaphores, release() on one lets its own waiter
    through, and not the other's."""
    seen = run(judge, S.own_waiter_released, kind, released)
    facts = {"kind": kind, "released": released}
    assert not seen["other"], M.OTHER_SEMAPHORE_PASSED.format(**facts)
    if seen["passed"] != 1 and seen["napping"]:
        pytest.fail(M.POLLS.format(kind=kind, sites=", ".join(seen["napping"])), pytrace=False)
    assert seen["passed"] == 1, M.OWN_WAITER_NOT_WOKEN.format(**facts, passed=seen["passed"])


@pytest.mark.parametrize("how", ["notify_all", "notify"])
@pytest.mark.parametrize("kind", KINDS)
def test_wake_up_without_release_lets_nobody_through(judge, kind, how):
    """A thread waiting in acquire() that is woken with nothing released goes back to waiting."""
    seen = run(judge, S.wake_up_without_release, kind, how)
    assert_bools(seen["values"])
    facts = {"kind": kind, "how": how, "waiters": seen["waiters"], "passed": seen["passed"]}
    early = seen["early"].count(True)
    assert not early, M.PASSED_WITH_NO_SLOT.format(**facts, count=early)
    assert not seen["passed"], M.IF_INSTEAD_OF_WHILE.format(**facts)
    gave_up = seen["values"].count(False)
    assert not gave_up, M.WOKEN_GAVE_UP.format(**facts, count=gave_up)


@pytest.mark.parametrize("timeout", [pytest.param(0, id="zero"), pytest.param(S.LONG, id="long")])
@pytest.mark.parametrize("kind", KINDS)
def test_timed_acquire_returns_false_when_the_time_is_up(judge, kind, timeout):
    """acquire(timeout=t) with no slot free and none released returns False after exactly t
    seconds."""
    seen = run(judge, S.acquire_at_zero, kind, {"timeout": timeout})
    timeout = seen["timeout"]
    facts = {"kind": kind, "timeout": timeout}
    ignored = M.ZERO_TIMEOUT_IGNORED if timeout == 0 else M.TIMEOUT_IGNORED
    assert seen["returned"], ignored.format(**facts, limit=seen["limit"])
    assert seen["value"] is False, M.TIMEOUT_NOT_FALSE.format(**facts, value=seen["value"])
    elapsed = seen["elapsed"]
    assert elapsed > timeout or exactly(elapsed, timeout), M.GAVE_UP_EARLY.format(
        **facts, elapsed=elapsed
    )
    assert exactly(elapsed, timeout), M.TIMED_OUT_LATE.format(**facts, elapsed=elapsed)


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"blocking": False}, id="non-blocking"),
        pytest.param({"timeout": 0.5}, id="timeout-half-a-second"),
    ],
)
@pytest.mark.parametrize("kind", KINDS)
def test_acquire_that_returns_false_takes_nothing(judge, kind, kwargs):
    """An acquire() that returns False leaves the count as it was: one release() later, one
    slot is free."""
    seen = run(judge, S.acquire_at_zero, kind, kwargs)
    facts = {"kind": kind, "call": seen["call"]}
    if seen["returned"] and seen["value"] is False:
        assert seen["free"] == 1, M.FALSE_TOOK_A_SLOT.format(**facts, free=seen["free"])


@pytest.mark.parametrize("kind", KINDS)
def test_timed_acquire_woken_for_nothing_keeps_its_deadline(judge, kind):
    """acquire(timeout=t) woken with nothing released waits on, and returns False at t
    seconds, not earlier and not later."""
    seen = run(judge, S.timed_empty_wake_up, kind)
    facts = {"kind": kind, "timeout": seen["timeout"], "wake": seen["wake"]}
    early = seen["early"]
    if early["returned"]:
        assert early["value"] is not True, M.PASSED_WITH_NO_SLOT.format(
            kind=kind, count=1, waiters=1
        )
        pytest.fail(M.EMPTY_WAKEUP_GAVE_UP.format(**facts), pytrace=False)
    assert seen["returned"], M.TIMEOUT_IGNORED.format(**facts, limit=seen["limit"])
    assert seen["value"] is False, M.TIMEOUT_NOT_FALSE.format(**facts, value=seen["value"])
    assert exactly(seen["elapsed"], seen["timeout"]), M.DEADLINE_RESTARTED.format(
        **facts, elapsed=seen["elapsed"]
    )


@pytest.mark.parametrize("kind", KINDS)
def test_timed_acquire_keeps_its_deadline_when_the_wall_clock_is_set_back(judge, kind):
    """acquire(timeout=t) woken with nothing released returns False at t seconds even when the
    wall clock was set back an hour while it waited."""
    seen = run(judge, S.timed_empty_wake_up, kind, S.SET_BACK)
    facts = {"kind": kind, "timeout": seen["timeout"], "wake": seen["wake"]}
    on_time = seen["returned"] and not seen["early"]["returned"]
    on_time = on_time and exactly(seen["elapsed"], seen["timeout"])
    assert on_time, M.WALL_CLOCK_DEADLINE.format(**facts, hours=S.SET_BACK / 3600)


def test_semaphore_release_adds_slots_past_its_initial_value(judge):
    """Semaphore's release(n) adds n slots, even past its initial value."""
    value, take, n = 2, 1, 3
    seen = run(judge, S.release_some, "Semaphore", value, take, n)
    facts = {"kind": "Semaphore", "value": value, "take": take, "n": n, "free": seen["free"]}
    assert seen["raised"] is None, M.UNBOUNDED_REFUSED.format(**facts)
    expected = value - take + n
    assert seen["free"] == expected, M.RELEASE_NOT_COUNTED.format(**facts, expected=expected)


@pytest.mark.parametrize(
    "value, take, n",
    [
        pytest.param(2, 1, 1, id="two-slots-one-taken-release-1"),
        pytest.param(3, 3, 3, id="three-slots-all-taken-release-3"),
    ],
)
def test_bounded_release_up_to_its_value_is_allowed(judge, value, take, n):
    """BoundedSemaphore's release(n) adds n slots while that keeps the count within its initial
    value."""
    seen = run(judge, S.release_some, "BoundedSemaphore", value, take, n)
    facts = {"kind": "BoundedSemaphore", "value": value, "take": take, "n": n, "free": seen["free"]}
    assert seen["raised"] is None, M.BOUNDED_REFUSED.format(**facts)
    expected = value - take + n
    assert seen["free"] == expected, M.RELEASE_NOT_COUNTED.format(**facts, expected=expected)


@pytest.mark.parametrize(
    "value, take, n",
    [
        pytest.param(2, 0, 1, id="two-slots-none-taken-release-1"),
        pytest.param(3, 1, 2, id="three-slots-one-taken-release-2"),
        pytest.param(1, 0, 3, id="one-slot-none-taken-release-3"),
    ],
)
def test_bounded_release_past_its_value_raises_and_keeps_the_count(judge, value, take, n):
    """BoundedSemaphore's release(n) that would take the count past its initial value raises
    ValueError and leaves the count as it was."""
    seen = run(judge, S.release_some, "BoundedSemaphore", value, take, n)
    expected = value - take
    facts = {"value": value, "take": take, "n": n, "free": seen["free"], "expected": expected}
    assert seen["raised"] == "ValueError", M.BOUNDED_DID_NOT_RAISE.format(**facts)
    assert seen["free"] == expected, M.BOUNDED_CHANGED_COUNT.format(**facts)


def test_bounded_releases_at_once_check_the_bound_one_at_a_time(judge):
    """Two releases at once on a BoundedSemaphore(1) with no slot free: one adds the slot, the
    other raises ValueError."""
    seen = run(judge, S.bounded_releases_at_once)
    facts = {"raised": seen["raised"], "free": seen["free"]}
    assert seen["free"] <= 1, M.BOUND_CHECKED_UNLOCKED.format(**facts)
    assert seen["raised"] == 1, M.BOUNDED_RACE_RAISED.format(**facts)


@pytest.mark.parametrize("n", [pytest.param(0, id="zero"), pytest.param(-1, id="minus-one")])
@pytest.mark.parametrize("kind", KINDS)
def test_release_below_one_raises_value_error(judge, kind, n):
    """release(n) with n below 1 raises ValueError and leaves the count as it was."""
    seen = run(judge, S.release_some, kind, 2, 1, n)
    facts = {"kind": kind, "n": n, "free": seen["free"]}
    assert seen["raised"] == "ValueError", M.RELEASE_BELOW_ONE.format(**facts)
    assert seen["free"] == 1, M.RELEASE_BELOW_ONE_CHANGED.format(**facts)


@pytest.mark.parametrize(
    "raises", [pytest.param(False, id="block-returns"), pytest.param(True, id="block-raises")]
)
@pytest.mark.parametrize("kind", KINDS)
def test_with_block_holds_one_slot(judge, kind, raises):
    """`with semaphore as entered:` holds one slot for the block, entered being True, and
    gives it back after, letting the block's exception out."""
    seen = run(judge, S.with_block, kind, raises)
    assert seen["inside"] == 1, M.WITH_NOT_HELD.format(kind=kind, free=seen["inside"])
    assert seen["entered"] is True, M.ENTER_VALUE.format(kind=kind, value=seen["entered"])
    how = M.BLOCK_RAISED if raises else M.BLOCK_RETURNED
    assert seen["after"] == 2, M.WITH_NOT_RELEASED.format(kind=kind, how=how, free=seen["after"])
    if raises:
        assert seen["propagated"], M.WITH_SWALLOWED.format(kind=kind)


@pytest.mark.parametrize("kind", KINDS)
def test_with_block_waits_for_a_free_slot(judge, kind):
    """`with semaphore:` with no slot free waits, and enters its block once a release frees
    one."""
    seen = run(judge, S.with_at_zero, kind)
    assert not seen["early"], M.WITH_DID_NOT_WAIT.format(kind=kind)
    assert seen["entered"], M.WITH_NEVER_ENTERED.format(kind=kind)
    assert seen["value"] is True, M.ENTER_VALUE.format(kind=kind, value=seen["value"])
    assert seen["free"] == 1, M.WITH_AT_ZERO_COUNT.format(kind=kind, free=seen["free"])


@pytest.mark.parametrize("kind", KINDS)
def test_its_numbers_change_only_while_its_lock_is_held(judge, kind):
    """Each number the semaphore keeps in its own attributes (its count, its waiters) is changed
    only by a thread that holds the semaphore's lock."""
    unlocked = run(judge, S.numbers_under_the_lock, kind)["unlocked"]
    assert not unlocked, M.CHANGED_UNLOCKED.format(kind=kind, **unlocked[0])


@pytest.mark.parametrize("switching", rules.SWITCHINGS)
@pytest.mark.parametrize("crowd", CROWDS)
def test_semaphore_is_right_when_threads_switch_between_instructions(judge, crowd, switching):
    """Threads acquiring, holding and releasing at once never hold more slots than are free, a
    bounded release past the bound raises ValueError, and the count is left right, even when
    the threads switch between the instructions of semaphore.py, so no thread acts on what
    another has changed since it looked."""
    kind, value, take, users, releases, waiters, lookers, raised, free = crowd
    seen = run(
        judge, S.all_at_once, kind, value, take, users, releases, waiters, lookers,
        hints={rules.NOT_A_STUB: M.RACED_RAISED}, stuck=M.RACED_STUCK, switching=switching,
    )
    # Slots no thread can hold at any moment: a looker refused while there is one was refused
    # with a slot free (releases only ever add slots).
    spare = value - take - users - waiters - max(lookers - 1, 0)
    assert not (seen["refused"] and spare > 0), M.REFUSED_WITH_A_SLOT_FREE.format(
        kind=kind, value=value, users=users, lookers=lookers, spare=spare
    )
    what = M.RACED_CROWD.format(
        kind=kind, value=value, take=take, users=users, releases=list(releases),
        waiters=waiters, lookers=lookers, most=seen["most"], raised=seen["raised"], free=seen["free"],
        most_expected=value - take, raised_expected=raised, free_expected=free,
    )
    right = seen["most"] <= value - take and seen["raised"] == raised and seen["free"] == free
    assert right, M.RACED.format(what=what)


def test_script_runs_its_demo(judge):
    """The file defines its API (BoundedSemaphore a subclass of Semaphore), and `python
    semaphore.py` runs any demo it has to the end."""
    judge.check_api("Semaphore", "BoundedSemaphore")
    assert run(judge, S.bounded_is_a_semaphore), M.NOT_A_SUBCLASS
    judge.run_demo()


# --- checks shared by several rules -------------------------------------------------------------


def where_made(site, line, otherwise):
    """Where in semaphore.py something was done (MADE_AT), or `otherwise` when no line of it was
    running then."""
    return M.MADE_AT.format(site=site, line=line) if site else otherwise


def run(judge, scenario, *args, hints=None, stuck=None, **kwargs):
    """judge.run, with this kata's hints and stuck message. Every rule's run records the
    ready-made semaphores and queues made (S.record_ready_made), not only the first rule's: a
    file that could tell that rule's run from the others' could hide what it is built on. When
    the scene's clearing up left threads asleep beside free slots, what the code left running
    starts with that (STRANDED)."""
    hints = {**HINTS, **(hints or {})}
    before = len(judge.leftovers)
    seen = judge.run(
        scenario, *args, stuck=stuck or M.STUCK, hints=hints, prepare=S.record_ready_made, **kwargs
    )
    stranded = seen.get("stranded") if isinstance(seen, dict) else None
    if stranded and len(judge.leftovers) > before:
        judge.leftovers.insert(before, M.STRANDED.format(**stranded))
    return seen


def assert_bools(values):
    for value in values:
        assert type(value) is bool, M.ACQUIRE_VALUE.format(value=value)


def none_gave_up(seen: dict, kind: str, waiters: int, **numbers: int) -> dict:
    """Fail if any of the `waiters` acquire() calls of `seen` returned False; else the facts the
    messages about them say: the kind, the waiters, how many passed, the slots free, `numbers`."""
    gave_up = seen["values"].count(False)
    assert not gave_up, M.ACQUIRE_GAVE_UP.format(kind=kind, count=gave_up, waiters=waiters)
    return {"kind": kind, "waiters": waiters, "passed": seen["passed"], "free": seen["free"], **numbers}


def exactly(elapsed: float, seconds: float) -> bool:
    """Whether a time measured on the bubble's clock is `seconds`, up to float rounding and the
    nanosecond each wait that did not wait takes (`bubble.TICK`)."""
    return math.isclose(elapsed, seconds, rel_tol=1e-9, abs_tol=1e-6)
