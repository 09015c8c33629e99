"""The rules of kata 03: a semaphore bounding a pool, a lock guarding its list, try/finally.

Each test is one rule, stated in its docstring. `judge.run(S.scenario, ...)` runs a scenario
(from this kata's .meta/scenarios.py) against your pool.py in a separate process and returns
what it saw; the test checks the rule on that. The scenarios hand your code a `work` that keeps
each thread inside until they let it go, and semaphores that record who waits and who holds a
slot; for `main`, threading's semaphores and threads are recording ones. So no rule depends on
timing: "five threads inside, two waiting on a full semaphore" is a state a scenario waits for.
An exception raised in your code fails the test at once, with its place in your file.
"""

from __future__ import annotations

import pytest

from katakit import rules

S = rules.scenarios(__file__)
M = rules.messages(__file__)

HINTS = {r"ValueError: Semaphore released too many times": M.OVER_RELEASED}
#: What the judge adds when the student's code raises anything but a stub's NotImplementedError
#: with the threads switching between instructions.
RACE_HINTS = {rules.NOT_A_STUB: M.RACED_RAISED}

CROWDS = [
    pytest.param(7, 5, id="seven-through-five"),
    pytest.param(3, 1, id="three-through-one"),
    pytest.param(6, 2, id="six-through-two"),
]
FEWER_THAN_SLOTS = [pytest.param(2, 4, id="two-through-four")]
ORIGINAL = [pytest.param(7, 5, id="seven-through-five")]
#: How a failing work() ends: an Exception, or a SystemExit, which `except Exception` misses.
FAILURES = [pytest.param("raises", id="work-raises"), pytest.param("exits", id="work-exits")]


# --- tests: worker ------------------------------------------------------------------------------


@pytest.mark.parametrize("n, limit", CROWDS)
def test_worker_never_lets_more_than_limit_inside(judge, n, limit):
    """Through a semaphore of `limit` slots, never more than `limit` threads are inside work()."""
    seen = run_crowd(judge, n, limit)
    assert seen["most"] <= limit, went_on_refused(seen) or M.TOO_MANY_INSIDE.format(
        most=seen["most"], limit=limit
    )


@pytest.mark.parametrize("n, limit", CROWDS + FEWER_THAN_SLOTS)
def test_worker_fills_every_free_slot(judge, n, limit):
    """When n threads want in, min(n, limit) of them are inside work() together."""
    seen = run_crowd(judge, n, limit)
    expected = min(n, limit)
    inside = len(seen["inside"])
    assert inside >= expected, M.NOT_ENOUGH_INSIDE.format(
        inside=inside, n=n, limit=limit, expected=expected
    )


@pytest.mark.parametrize("n, limit", ORIGINAL)
def test_worker_works_only_while_holding_a_slot(judge, n, limit):
    """A thread is inside work() only while it holds a slot of the semaphore it was given."""
    seen = run_crowd(judge, n, limit)
    assert not seen["unslotted"], went_on_refused(seen) or M.WORK_WITHOUT_SLOT.format(
        names=sorted(set(seen["unslotted"]))
    )


@pytest.mark.parametrize("n, limit", ORIGINAL)
def test_worker_uses_and_unuses_while_holding_its_slot(judge, n, limit):
    """A worker that runs work() calls pool.use(name) and pool.unuse(name), holding its slot."""
    seen = judge.run(S.crowd_calls, n, limit, deadline=S.DEADLINE, stuck=M.STUCK, hints=HINTS)
    assert_finished(seen)
    for name in sorted(set(seen["worked"])):
        mine = [(method, arg, held) for who, method, arg, held in seen["calls"] if who == name]
        got = [f"{method}({arg!r})" for method, arg, _ in mine]
        called = (
            M.CALLED.format(name=name, calls=", ".join(got))
            if got
            else M.CALLED_NOTHING.format(name=name)
        )
        methods = [method for method, _, _ in mine]
        assert methods == ["use", "unuse"], M.NOT_THROUGH_USE_AND_UNUSE.format(
            name=name, called=called
        )
        assert got == [f"use({name!r})", f"unuse({name!r})"], M.NAME_NOT_PASSED.format(
            called=called
        )
        for method, _, held in mine:
            assert held, outside_the_slot(seen, name, method)


@pytest.mark.parametrize("n, limit", ORIGINAL)
def test_worker_keeps_its_name_in_the_pool_while_working(judge, n, limit):
    """While threads are inside work(), pool.active is the list of exactly their names."""
    seen = run_crowd(judge, n, limit)
    kind, active = seen["active"]
    assert kind == "list", M.ACTIVE_NOT_A_LIST.format(kind=kind)
    assert sorted(active) == seen["inside"], M.NAMES_NOT_IN_POOL.format(
        inside=seen["inside"], active=active
    )


@pytest.mark.parametrize("n", [pytest.param(3, id="three"), pytest.param(5, id="five")])
def test_pool_keeps_the_right_names_when_threads_leave_out_of_order(judge, n):
    """When a thread leaves, its own name leaves pool.active, whatever the order of leaving."""
    seen = judge.run(S.leave_in_turn, n, deadline=S.DEADLINE, stuck=M.STUCK, hints=HINTS)
    inside = len(seen["inside"])
    assert inside == n, M.NOT_ENOUGH_INSIDE.format(inside=inside, n=n, limit=n, expected=n)
    assert sorted(seen["arrived"]) == seen["inside"], M.NAMES_NOT_IN_POOL.format(
        inside=seen["inside"], active=seen["arrived"]
    )
    remaining = names(n)
    for left, running, got in seen["steps"]:
        assert not running, M.WORKER_DID_NOT_FINISH.format(names=[left])
        remaining.remove(left)
        assert got == remaining, M.LEFT_WRONG_NAME.format(left=left, got=got, expected=remaining)
    assert_finished(seen)


@pytest.mark.parametrize("ending", FAILURES)
def test_worker_takes_its_name_out_when_work_raises(judge, ending):
    """If work() raises, even a BaseException such as SystemExit, the thread's name still leaves
    the pool."""
    seen = judge.run(S.one_worker, ending, deadline=S.DEADLINE, stuck=M.STUCK, hints=HINTS)
    assert_finished(seen)
    assert not seen["active"], M.NAME_LEAKED.format(names=seen["active"])


@pytest.mark.parametrize("ending", FAILURES)
def test_worker_gives_its_slot_back_when_work_raises(judge, ending):
    """If work() raises, even a BaseException such as SystemExit, the semaphore slot is still
    released."""
    seen = judge.run(S.one_worker, ending, deadline=S.DEADLINE, stuck=M.STUCK, hints=HINTS)
    assert_finished(seen)
    assert not seen["held"], M.SLOT_LEAKED.format(taken=seen["held"])


@pytest.mark.parametrize("ending", [pytest.param("returns", id="work-returns"), *FAILURES])
def test_worker_never_over_releases_a_bounded_semaphore(judge, ending):
    """worker releases the semaphore exactly as often as it acquires it."""
    seen = judge.run(S.one_worker, ending, deadline=S.DEADLINE, stuck=M.STUCK, hints=HINTS)
    assert_finished(seen)
    assert not seen["surplus"], M.OVER_RELEASED


# --- tests: the pool's lock ---------------------------------------------------------------------


def test_use_and_unuse_change_active_only_while_holding_the_lock(judge):
    """Every change of pool.active happens while the changing thread holds pool.lock."""
    seen = judge.run(S.use_and_unuse, deadline=S.DEADLINE, stuck=M.STUCK)
    assert seen["kind"] == "list", M.ACTIVE_NOT_A_LIST.format(kind=seen["kind"])
    unlocked = [(thread, change) for change, thread, held in seen["changes"] if not held]
    if unlocked:
        thread, change = unlocked[0]
        # The scenario's "rebind" (pool.active = ...) is no list method's name: say it in words.
        change = M.REBIND if change == "rebind" else change
        pytest.fail(M.LOCK_NOT_HELD.format(thread=thread, change=change), pytrace=False)


def test_use_and_unuse_add_and_remove_the_name_they_are_given(judge):
    """use(name) adds `name` to pool.active and unuse(name) removes `name`, whichever thread
    calls them."""
    seen = judge.run(S.names_not_the_callers, deadline=S.DEADLINE, stuck=M.STUCK)
    expected = [["db-conn"], ["cache", "db-conn"], ["cache"], []]
    for (call, active, raised), wanted in zip(seen["calls"], expected):
        got = raised if raised is not None else sorted(active)
        assert got == wanted, M.NAME_ARGUMENT_IGNORED.format(
            call=call, thread=seen["thread"], got=got, expected=wanted
        )


def test_use_and_unuse_give_the_lock_back(judge):
    """use and unuse return with pool.lock free again."""
    seen = judge.run(S.use_and_unuse, deadline=S.DEADLINE, stuck=M.STUCK)
    assert seen["stuck"] is None, M.CALL_STUCK.format(call=seen["stuck"])
    assert seen["kept"] is None, M.LOCK_KEPT.format(call=seen["kept"])


# --- tests: main --------------------------------------------------------------------------------


@pytest.mark.parametrize("n, limit", CROWDS)
def test_main_never_lets_more_than_limit_inside(judge, n, limit):
    """main(n, limit, work) never has more than `limit` threads inside work() at once."""
    seen = run_crowd_main(judge, n, limit)
    assert seen["most"] <= limit, main_too_many(seen, n, limit)


@pytest.mark.parametrize("n, limit", CROWDS + FEWER_THAN_SLOTS)
def test_main_fills_every_slot(judge, n, limit):
    """main(n, limit, work) has min(n, limit) threads inside work() together."""
    seen = run_crowd_main(judge, n, limit)
    expected = min(n, limit)
    inside = len(seen["inside"])
    # Threads that held a slot and returned without calling work(): `work` never reached them.
    assert inside >= expected, (
        M.WORK_COUNT.format(n=n, count=len(seen["entries"]))
        if seen["idle"]
        else M.MAIN_NOT_ENOUGH_INSIDE.format(n=n, limit=limit, inside=inside, expected=expected)
    )


@pytest.mark.parametrize("n, limit", CROWDS)
def test_main_has_its_other_threads_wait_on_the_full_semaphore(judge, n, limit):
    """While main(n, limit, work) has `limit` threads inside work(), each of its other threads
    waits for a slot of the full semaphore."""
    seen = run_crowd_main(judge, n, limit)
    assert seen["settled"], M.OTHERS_NOT_WAITING.format(
        n=n, limit=limit, inside=len(seen["inside"]), waiting=seen["waiting"],
        others=n - limit, elsewhere=seen["elsewhere"],
    )


@pytest.mark.parametrize(
    "n, limit", [pytest.param(7, 5, id="seven"), pytest.param(4, 2, id="four")]
)
def test_main_runs_each_thread_inside_once(judge, n, limit):
    """Each of the threads "thread-0" ... "thread-{n-1}" runs work() exactly once."""
    seen = run_crowd_main(judge, n, limit)
    assert seen["started"] >= n, M.MAIN_STARTED_TOO_FEW.format(
        n=n, limit=limit, started=seen["started"]
    )
    skipped = seen["returned_without_slot"]
    assert not skipped, M.RETURNED_WITHOUT_SLOT.format(names=skipped)
    entries = seen["entries"]
    assert len(entries) == n, M.WORK_COUNT.format(n=n, count=len(entries))
    assert sorted(entries) == sorted(names(n)), M.THREAD_NAMES.format(
        got=sorted(entries), expected=names(n)
    )
    assert seen["threads_inside"] == n, M.THREADS_REUSED.format(
        n=n, last=n - 1, threads=seen["threads_inside"]
    )


@pytest.mark.parametrize("n, limit", [pytest.param(3, 3, id="three-through-three")])
def test_main_joins_every_thread_before_returning(judge, n, limit):
    """When main returns, it has joined every thread it started, however long work() takes."""
    seen = judge.run(
        S.slow_main, n, limit,
        deadline=S.DEADLINE, stuck=M.STUCK, hints=HINTS, prepare=S.record_threading_joins,
    )
    assert seen["returned"], M.MAIN_DID_NOT_RETURN.format(n=n, limit=limit)
    timed_out = sorted(set(seen["unjoined"]) & set(seen["timed_out"]))
    assert not timed_out, M.JOIN_TIMED_OUT.format(names=timed_out)
    assert not seen["unjoined"], M.NOT_JOINED.format(names=seen["unjoined"])


@pytest.mark.parametrize("n, limit", ORIGINAL)
def test_main_returns_its_pool_empty(judge, n, limit):
    """main returns the ResourcePool, whose active list is empty once every thread is done."""
    seen = run_crowd_main(judge, n, limit)
    assert seen["returned"], M.MAIN_DID_NOT_RETURN.format(n=n, limit=limit)
    assert seen["pool"][0] == "pool", M.NOT_A_POOL.format(value=seen["pool"][1])
    _, kind, active = seen["pool"]
    assert kind == "list", M.ACTIVE_NOT_A_LIST.format(kind=kind)
    assert not active, M.POOL_NOT_EMPTY.format(names=active)


@pytest.mark.parametrize("n, limit", ORIGINAL)
def test_main_returns_the_pool_its_threads_used(judge, n, limit):
    """The pool main returns is the one its workers put their names in."""
    seen = judge.run(
        S.crowd_main_pools, n, limit,
        deadline=S.DEADLINE, stuck=M.STUCK, hints=HINTS, prepare=S.record_threading,
    )
    assert seen["returned"], M.MAIN_DID_NOT_RETURN.format(n=n, limit=limit)
    assert seen["pool"][0] == "pool", M.NOT_A_POOL.format(value=seen["pool"][1])
    assert not seen["others"], M.NOT_THE_POOL_USED.format(count=seen["others"])


@pytest.mark.parametrize("switching", rules.SWITCHINGS)
@pytest.mark.parametrize("n, limit", CROWDS)
def test_main_is_right_when_threads_switch_between_instructions(judge, n, limit, switching):
    """main(n, limit, work) lets at most `limit` threads inside, runs each thread inside once and
    returns its pool empty even when the threads switch between the instructions of pool.py, so no
    thread acts on what another has changed since it looked."""
    seen = run_crowd_main(judge, n, limit, switching=switching)
    assert seen["most"] <= limit, M.RACED.format(
        what=M.RACED_TOO_MANY.format(n=n, limit=limit, most=seen["most"])
    )
    entries = sorted(seen["entries"])
    assert entries == names(n), M.RACED.format(
        what=M.RACED_ENTRIES.format(got=entries, expected=names(n))
    )
    _, _, active = seen["pool"] if seen["pool"][0] == "pool" else ("", "", [])
    assert not active, M.RACED.format(what=M.RACED_LEFT.format(names=active))


def test_main_makes_a_pool_of_its_own_at_each_call(judge):
    """Each call of main returns a new ResourcePool, not one shared with the calls before it."""
    same = judge.run(
        S.main_twice, deadline=S.DEADLINE, stuck=M.STUCK, hints=HINTS, prepare=S.record_threading
    )
    assert not same, M.ONE_POOL_FOR_EVERY_CALL


def test_main_runs_with_its_defaults(judge):
    """main() runs thread-0 ... thread-6, each once, through a semaphore of 5 slots."""
    seen = judge.run(
        S.main_defaults, deadline=S.DEADLINE, stuck=M.STUCK, hints=HINTS, prepare=S.record_threading
    )
    got = sorted(name for name, _ in seen["acquired"])
    slots = sorted({slots for _, slots in seen["acquired"]})
    assert got == names(7) and slots == [5], M.DEFAULTS.format(got=got, slots=slots)


def test_script_runs_its_demo(judge):
    """The file defines its API, and `python pool.py` runs any demo it has to the end."""
    judge.check_api("ResourcePool", "worker", "main")
    judge.run_demo()


# --- checks shared by several rules -------------------------------------------------------------


def names(n: int) -> list[str]:
    return [f"thread-{i}" for i in range(n)]


def run_crowd(judge, n, limit):
    return judge.run(S.crowd, n, limit, deadline=S.DEADLINE, stuck=M.STUCK, hints=HINTS)


def run_crowd_main(judge, n, limit, switching=None):
    hints = HINTS if switching is None else {**HINTS, **RACE_HINTS}
    return judge.run(
        S.crowd_main, n, limit,
        deadline=S.DEADLINE, stuck=M.STUCK, hints=hints, prepare=S.record_threading,
        switching=switching,
    )


def went_on_refused(seen) -> str:
    """ACQUIRE_RESULT_IGNORED if threads ran work() right after an acquire() that returned False;
    else ""."""
    ignored = sorted(set(seen["ignored"]))
    return M.ACQUIRE_RESULT_IGNORED.format(names=ignored) if ignored else ""


def outside_the_slot(seen, name, method) -> str:
    """Why thread `name` called pool.`method` ("use" or "unuse") without holding a slot."""
    if name in seen["ignored"]:
        return M.ACQUIRE_RESULT_IGNORED.format(names=[name])
    if method == "unuse" and name in seen["unslotted"]:  # work() ran outside the slot too
        return M.WORK_WITHOUT_SLOT.format(names=[name])
    return {"use": M.USE_WITHOUT_SLOT, "unuse": M.UNUSE_WITHOUT_SLOT}[method].format(name=name)


def main_too_many(seen, n, limit) -> str:
    """Why main let too many threads in: worker's fault (work() without a slot, or with a slot of
    a semaphore each thread made itself), or main's (its semaphore or semaphores)."""
    if seen["unslotted"] or seen["self_made"]:
        return went_on_refused(seen) or M.TOO_MANY_INSIDE.format(most=seen["most"], limit=limit)
    return M.MAIN_TOO_MANY_INSIDE.format(n=n, limit=limit, most=seen["most"])


def assert_finished(seen):
    assert not seen["running"], M.WORKER_DID_NOT_FINISH.format(names=seen["running"])
