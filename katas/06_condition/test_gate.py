"""The rules of kata 06: a gate on a Condition, with tickets, an open gate and timeouts.

Each test is one rule, stated in its docstring. `judge.run(S.scenario, ...)` runs a scenario
(from this kata's .meta/scenarios.py) against your gate.py in a separate process and returns
what it saw; the test checks the rule on that. Each scenario puts a recording condition in place
of your gate's, before anyone waits: it knows which thread holds it, how many threads sleep in it
and how many wake-ups are on their way. Who passed is counted only once every waiter sleeps in
the condition or has returned from gate.wait(), so no rule depends on how fast a thread runs.
"""

from __future__ import annotations

import pytest

from katakit import rules

S = rules.scenarios(__file__)
M = rules.messages(__file__)

#: Threads started at once for the rule whose threads switch between instructions: release_one()
#: calls made before the waiters come, waiters, release_one() calls and release_all() calls, and
#: the waiters' timeout. Where every waiter is to pass, it waits with no timeout: a wake-up lost is
#: a deadlock, not a wait that runs out and then finds the gate open. A wait(0) only looks.
CROWDS = [
    pytest.param(1, 2, 0, 0, S.LONG, id="one-ticket-two-waiters"),
    pytest.param(1, 2, 0, 0, 0, id="one-ticket-two-looks"),
    pytest.param(0, 3, 3, 0, None, id="three-releases-three-waiters"),
    pytest.param(0, 3, 0, 1, None, id="release-all-three-waiters"),
]
#: What the judge adds when the student's code raises "cannot notify on un-acquired lock" & co.
HINTS = {r"un-acquired lock": M.NOT_HELD, r"SelfDeadlock": M.SELF_DEADLOCK}


@pytest.mark.parametrize(
    "waiters", [pytest.param(2, id="two-waiters"), pytest.param(5, id="five-waiters")]
)
def test_one_release_lets_exactly_one_waiter_through(judge, waiters):
    """One release_one() lets exactly one thread through, of those waiting and those coming
    later."""
    seen = run(judge, S.release_one_among_waiters, waiters)
    assert_waiters_behaved(seen)
    if not seen["passed_now"]:  # the tickets say why, if a waiter took one that was not there
        assert_tickets_never_below_zero(seen)
    assert seen["passed_now"], M.NONE_PASSED.format(waiters=waiters)
    assert seen["passed"] == 1, M.TOO_MANY_PASSED.format(
        releases=1, passed=seen["passed"], waiters=seen["waiters"]
    )


@pytest.mark.parametrize(
    "releases, waiters",
    [
        pytest.param(2, 2, id="two-releases-two-waiters"),
        pytest.param(2, 3, id="two-releases-three-waiters"),
    ],
)
def test_releases_in_a_row_let_as_many_waiters_through(judge, releases, waiters):
    """release_one() called again before the waiter it woke has run lets one more waiter
    through: each call wakes a waiter, whatever the tickets were."""
    seen = run(judge, S.releases_in_a_row, waiters, releases)
    assert_waiters_behaved(seen)
    if seen["passed"] < releases:  # the tickets say why, unless a release woke nobody
        assert_tickets_counted(seen, releases)
        assert_tickets_used_one_by_one(seen, releases)
    assert seen["passed"] >= releases, M.WAKEUP_SKIPPED.format(
        releases=releases, passed=seen["passed"], waiters=waiters
    )
    assert seen["passed"] == releases, M.TOO_MANY_PASSED.format(
        releases=releases, passed=seen["passed"], waiters=waiters
    )


@pytest.mark.parametrize(
    "waiters", [pytest.param(2, id="two-waiters"), pytest.param(3, id="three-waiters")]
)
def test_releases_after_a_late_comer_took_a_woken_waiters_ticket_let_every_waiter_through(
    judge, waiters
):
    """When a thread coming later takes the ticket of the waiter a release_one() woke, that
    waiter waits again, and one more release_one() per waiter lets every waiter through."""
    seen = run(judge, S.late_comer_takes_the_ticket, waiters)
    assert_waiters_behaved(seen)
    assert seen["passed"] >= waiters, M.WAKEUP_LOST_AFTER_A_LATE_COMER.format(
        waiters=waiters, late=seen["late"], passed=seen["passed"], tickets=seen["tickets"]
    )


@pytest.mark.parametrize(
    "releases, waiters, timeout",
    [
        pytest.param(1, 1, None, id="one-release-then-wait-without-timeout"),
        pytest.param(1, 1, 0, id="one-release-then-wait-with-timeout-zero"),
        pytest.param(2, 3, S.LONG, id="two-releases-then-three-waiters"),
    ],
)
def test_release_before_anyone_waits_is_not_lost(judge, releases, waiters, timeout):
    """Each release_one() made while nobody waits is kept as a ticket for a later waiter."""
    seen = run(judge, S.releases_before_waiters, releases, waiters, timeout)
    assert_tickets_counted(seen, releases)
    if timeout == 0:
        assert False not in seen["values"], M.TICKET_THERE_GAVE_UP.format(releases=releases)
    assert_waiters_behaved(seen)
    assert_tickets_used_one_by_one(seen, releases)
    assert seen["passed"] >= releases, M.LOST_WAKEUP.format(
        releases=releases, passed=seen["passed"], waiters=waiters
    )
    assert seen["passed"] == releases, M.TOO_MANY_PASSED.format(
        releases=releases, passed=seen["passed"], waiters=waiters
    )


def test_a_release_as_a_wait_times_out_is_not_lost(judge):
    """A release_one() whose notify() reaches a waiter just as its timeout runs out still lets a
    waiter through."""
    seen = run(judge, S.notified_as_time_runs_out)
    assert_waiters_behaved(seen, may_time_out=True)
    assert seen["passed"], M.NOTIFY_LOST_AT_TIMEOUT.format(tickets=seen["tickets"])
    assert seen["passed"] == 1, M.TOO_MANY_PASSED.format(
        releases=1, passed=seen["passed"], waiters=2
    )


def test_two_waiters_never_pass_on_one_ticket(judge):
    """A waiter uses up the ticket it found before it lets go of gate.condition, so a second
    waiter that takes the condition in between does not find that ticket too."""
    seen = run(judge, S.two_waiters_one_ticket)
    assert_waiters_behaved(seen)
    assert seen["passed"] <= 1, M.TICKET_SHARED.format(
        passed=seen["passed"], after=seen["after"]
    )


def test_a_release_between_a_waiters_look_and_its_sleep_is_not_lost(judge):
    """A release_one() that comes after a waiter has looked at the gate, and before it sleeps in
    gate.condition, still lets that waiter through."""
    seen = run(judge, S.release_between_look_and_sleep)
    assert_waiters_behaved(seen)
    if seen["paused"]:
        assert seen["passed"], M.LET_GO_BEFORE_SLEEPING.format(tickets=seen["tickets"])
    assert seen["passed"], M.NONE_PASSED.format(waiters=1)


def test_a_waiter_woken_by_release_one_finds_its_ticket(judge):
    """A waiter that release_one() woke finds its ticket, even when it gets gate.condition back
    before release_one() has returned."""
    seen = run(judge, S.woken_before_release_returns)
    assert_waiters_behaved(seen)
    assert seen["passed"], M.NOTIFIED_BEFORE_TICKET.format(tickets=seen["tickets"])


@pytest.mark.parametrize(
    "present, future",
    [
        pytest.param(3, 0, id="three-waiting"),
        pytest.param(4, 0, id="four-waiting"),
        pytest.param(0, 3, id="three-coming-later"),
        pytest.param(3, 2, id="three-waiting-two-coming-later"),
    ],
)
def test_release_all_lets_every_present_and_future_waiter_through(judge, present, future):
    """release_all() lets every thread waiting now through, and every thread that waits later."""
    seen = run(judge, S.release_all_with_waiters, present, future)
    assert_waiters_behaved(seen)
    closed = closed_again(seen)
    assert seen["present"] == present, closed or M.NOT_ALL_WOKEN.format(
        passed=seen["present"], waiters=present
    )
    assert seen["future"] == future, closed or M.FUTURE_BLOCKED.format(
        passed=seen["future"], waiters=future
    )


def test_open_gate_consumes_no_ticket(judge):
    """Once the gate is opened, waiters pass without consuming tickets."""
    seen = run(judge, S.open_gate_with_a_ticket, 3)
    assert_waiters_behaved(seen)
    assert seen["passed"] == 3, closed_again(seen) or M.FUTURE_BLOCKED.format(
        passed=seen["passed"], waiters=3
    )
    assert seen["after"] == seen["before"], M.OPEN_GATE_CONSUMED.format(
        before=seen["before"], after=seen["after"], waiters=3
    )


@pytest.mark.parametrize("how", ["notify_all", "notify"])
def test_wake_up_without_release_lets_nobody_through(judge, how):
    """A notification with no new ticket and no open gate (a spurious wake-up) lets nobody
    through."""
    seen = run(judge, S.notify_without_release, 3, how)
    assert_waiters_behaved(seen)
    assert seen["passed"] == 0, M.SPURIOUS_PASSED.format(how=how, passed=seen["passed"], waiters=3)


@pytest.mark.parametrize(
    "timeout",
    [pytest.param(0, id="zero"), pytest.param(S.SHORT, id="short")],
)
def test_timed_out_wait_returns_false_and_consumes_nothing(judge, timeout):
    """gate.wait(timeout) with nothing released returns False once the timeout runs out, and
    leaves tickets at 0."""
    seen = run(judge, S.wait_with_nothing_released, timeout)
    assert_waiters_behaved(seen, may_time_out=True)
    ignored = M.ZERO_TIMEOUT_IGNORED if seen["timeout"] == 0 else M.TIMEOUT_IGNORED
    assert not seen["still_waiting"], ignored.format(
        timeout=seen["timeout"], seconds=seen["seconds"]
    )
    assert seen["values"] == [False], M.TIMEOUT_NOT_FALSE.format(
        timeout=seen["timeout"], value=seen["values"][0]
    )
    assert seen["tickets"] == 0, M.TIMEOUT_CONSUMED.format(
        timeout=seen["timeout"], tickets=seen["tickets"]
    )


def test_wait_after_an_empty_wake_up_keeps_its_deadline(judge):
    """After a wake-up with nothing for it, gate.wait(timeout) sleeps again only for the time
    that is left until its deadline."""
    seen = run(judge, S.empty_wake_up)
    assert_waiters_behaved(seen)
    assert seen["passed"] == 0, M.SPURIOUS_PASSED.format(
        how="notify", passed=seen["passed"], waiters=1
    )
    overslept = oversleeping_wait(seen)
    assert not overslept, M.DEADLINE_RESTARTED.format(
        timeout=seen["timeout"], first=overslept[0], then=overslept[1]
    )


def test_wait_keeps_its_deadline_when_the_wall_clock_is_set_back(judge):
    """After a wake-up with nothing for it, gate.wait(timeout) sleeps again only for the time
    that is left until its deadline, even when the wall clock was set back an hour meanwhile."""
    seen = run(judge, S.empty_wake_up, S.SET_BACK)
    assert_waiters_behaved(seen)
    overslept = oversleeping_wait(seen)
    assert not overslept, M.WALL_CLOCK_DEADLINE.format(
        timeout=seen["timeout"], then=overslept[1], hours=S.SET_BACK / 3600
    )


def test_state_changes_while_holding_the_condition(judge):
    """Every write of gate.tickets and gate.opened happens while the writing thread holds
    gate.condition."""
    seen = run(judge, S.release_one_then_all)
    assert_waiters_behaved(seen)
    for function, name, value, held in seen["writes"]:
        assert held, M.STATE_OUTSIDE_LOCK.format(function=function, name=name, value=value)


def test_gate_never_calls_the_deprecated_notifyAll(judge):
    """The gate never calls condition.notifyAll(), deprecated since Python 3.10 for notify_all()."""
    seen = run(judge, S.release_one_then_all)
    assert_waiters_behaved(seen)
    assert not seen["deprecated"], M.DEPRECATED_NOTIFYALL


@pytest.mark.parametrize("switching", rules.SWITCHINGS)
@pytest.mark.parametrize("before, waiters, releases, opens, timeout", CROWDS)
def test_gate_is_right_when_threads_switch_between_instructions(
    judge, before, waiters, releases, opens, timeout, switching
):
    """Waiters and releases at once let as many waiters through as there are tickets and leave
    the tickets nobody used (once the gate is opened, let every waiter through), even when the
    threads switch between the instructions of gate.py, so no thread acts on what another has
    changed since it looked."""
    hints = {**HINTS, rules.NOT_A_STUB: M.RACED_RAISED}
    passes = waiters if opens else min(waiters, before + releases)
    seen = judge.run(
        S.all_at_once, before, waiters, releases, opens, timeout,
        stuck=M.RACED_STUCK, hints=hints, switching=switching,
    )
    values, tickets = seen["values"], seen["tickets"]
    odd = [value for value in values if type(value) is not bool]
    assert not odd, M.WAIT_VALUE.format(value=odd[0])
    if opens:
        what = M.RACED_OPENED.format(waiters=waiters, values=values)
        assert values.count(True) == waiters, M.RACED.format(what=what)
        return
    left = before + releases - passes
    right = values.count(True) == passes and tickets == left
    what = M.RACED_OUTCOME.format(
        before=before, waiters=waiters, releases=releases, timeout=timeout, values=values,
        tickets=tickets, passes=passes, left=left,
    )
    assert right, M.RACED.format(what=what)


def test_script_runs_its_demo(judge):
    """The file defines its API, and `python gate.py` runs any demo it has to the end."""
    judge.check_api("Gate")
    judge.run_demo()


# --- checks shared by several rules ---------------------------------------------------------------


def assert_tickets_counted(seen, releases):
    """That `releases` release_one() calls, made before any waiter took a ticket, left as many
    tickets."""
    assert seen["tickets"] == releases, M.RELEASES_NOT_COUNTED.format(
        releases=releases, tickets=seen["tickets"]
    )


def assert_tickets_used_one_by_one(seen, releases):
    """That the waiters who passed after `releases` release_one() calls used one ticket each."""
    if seen["passed"] < releases:
        assert seen["after"] >= releases - seen["passed"], M.TICKETS_OVERUSED.format(
            releases=releases, passed=seen["passed"], after=seen["after"]
        )


def assert_tickets_never_below_zero(seen):
    """gate.tickets was never written below 0: no waiter took a ticket that was not there."""
    below = [
        (function, value) for function, name, value, _ in seen["writes"]
        if name == "tickets" and isinstance(value, int) and value < 0
    ]
    for function, value in below[:1]:
        pytest.fail(M.TICKETS_BELOW_ZERO.format(function=function, value=value), pytrace=False)


def assert_waiters_behaved(seen, may_time_out=False):
    """What every scenario's waiters must have done: no exception, no lock left held, a bool back,
    no pass before any release, and (with a long timeout) no False."""
    for thread, error, site in seen["errors"]:
        if error.startswith("NotImplementedError"):
            lesson = M.WAIT_NOT_WRITTEN
        elif "un-acquired lock" in error:
            lesson = M.NOT_HELD
        elif "SelfDeadlock" in error:
            lesson = M.SELF_DEADLOCK
        else:
            lesson = M.WAIT_MUST_RETURN
        if site:
            file, line, function, code = site
            error = M.RAISED_AT.format(
                error=error, file=file, line=line, function=function, code=code
            )
        pytest.fail(M.WAIT_RAISED.format(thread=thread, error=error, lesson=lesson), pytrace=False)
    for function, thread in seen["left_held"]:
        pytest.fail(M.LEFT_HELD.format(function=function, thread=thread), pytrace=False)
    odd = [value for value in seen["values"] if type(value) is not bool]
    assert not odd, M.WAIT_VALUE.format(value=odd[0])
    assert not seen["unsettled"], M.NOT_SETTLED.format(
        count=seen["unsettled"], waiters=seen["waiters"], seconds=seen["seconds"]
    )
    assert not seen["early"], M.PASSED_WITHOUT_RELEASE.format(
        passed=seen["early"], waiters=seen["waiters"]
    )
    if not may_time_out:
        gave_up = seen["values"].count(False)
        call = "" if seen["timeout"] is None else f"timeout={seen['timeout']:g}"
        woken = gave_up - seen["early_false"]  # gave up after the scenario acted: woken for nothing
        if "bare" in seen:
            assert not woken, M.EMPTY_WAKEUP_GAVE_UP.format(call=call, count=woken)
        assert not gave_up, M.GAVE_UP.format(call=call, count=gave_up)


def closed_again(seen) -> str:
    """CLOSED_AGAIN if the gate was closed after release_all opened it (that, not the waking, is
    what kept waiters out); else ""."""
    return M.CLOSED_AGAIN.format(function=seen["closed_by"]) if seen["closed_by"] else ""


def oversleeping_wait(seen):
    """After the empty wake-up of `S.empty_wake_up`, the first condition.wait() that sleeps
    past gate.wait()'s deadline (or with no timeout at all), as (the timeout of the wait before
    it, its own timeout); None if every wait ends by the deadline."""
    waits = seen["waits"]
    for (_, first), (at, then) in zip(waits, waits[1:]):
        if first is not None and (then is None or at + then > seen["timeout"] + S.LATE):
            return first, then
    return None


def run(judge, scenario, *args):
    return judge.run(scenario, *args, stuck=M.STUCK, hints=HINTS)
