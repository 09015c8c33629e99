"""The rules of kata 08: a counter shared between processes, and the one lock that guards it.

Each test is one rule, stated in its docstring. `judge.run(S.scenario, ...)` runs a scenario
(from this kata's .meta/scenarios.py) against your counter.py in a separate process and returns
what it saw; the test checks the rule on that. The scenarios hand your code a counter and locks
that record, in memory every process shares, each read and write of counter.value with the hold
of each lock it fell in. So a read and its write that are not inside one hold of the lock are
seen every run, however the processes happen to be scheduled: no test hopes for a lost update.
Your add is called on such a counter (one without a lock of its own, a synchronized one, and one
handed its own lock as `lock`), with one more increment made as it releases `lock` (as many as
its own), and while another process holds `lock`; your main is handed a context whose Value,
Lock and processes are such, under fork, spawn and forkserver (a rule whose test id names a
start method is checked under that one).
"""

from __future__ import annotations

import pytest

from katakit import rules

S = rules.scenarios(__file__)
M = rules.messages(__file__)

COUNTERS = [
    pytest.param("raw", id="raw-value"),
    pytest.param("synchronized", id="synchronized-value"),
    pytest.param("own-lock", id="value-and-its-own-lock"),
]
METHODS = [pytest.param(method, id=method) for method in ("fork", "spawn", "forkserver")]
#: Where add's counter starts, and how many increments it is asked for.
START, TIMES = 10, 5
#: main(N, EACH, context): N processes, EACH increments each.
N, EACH = 3, 7
#: Seconds for a scenario that starts processes (spawn starts a fresh interpreter for each).
PROCESS_DEADLINE = 8.0
#: What an exception in the code may mean, beyond what it says.
HINTS = {
    "SelfDeadlock": M.SELF_DEADLOCK,
    "has no attribute 'get_lock'": M.NO_GET_LOCK,
    r"NotFromContext: .* was given a threading lock \(": M.THREADING_LOCK,
    r"cannot pickle '_thread\.(lock|RLock)'": M.THREADING_LOCK,
    r"NotFromContext: .* was given a semaphore \(": M.SEMAPHORE_AS_LOCK,
    r"NotFromContext: .* was given a lock \(": M.LOCK_NOT_FROM_CONTEXT,
    r"NotFromContext: .* was given a shared value \(": M.VALUE_NOT_FROM_CONTEXT,
}


@pytest.mark.parametrize("kind", COUNTERS)
def test_add_makes_times_increments_of_the_counter(judge, kind):
    """add(counter, lock, times) adds `times` to counter.value, one increment (one write) at a time."""
    seen = add_run(judge, kind)
    writes = [entry for entry in seen["log"] if entry[0] == "write"]
    assert seen["log"], M.COUNTER_UNTOUCHED.format(times=TIMES)
    expected = START + TIMES
    assert seen["value"] == expected, M.ADD_TOTAL.format(
        start=START, times=TIMES, got=seen["value"], expected=expected
    )
    assert len(writes) == TIMES, M.WRITE_COUNT.format(times=TIMES, writes=len(writes))


@pytest.mark.parametrize("kind", COUNTERS)
def test_add_reads_and_writes_each_increment_in_one_hold_of_lock(judge, kind):
    """Each increment reads counter.value and writes it back inside one hold of `lock`, the lock
    add is given."""
    seen = add_run(judge, kind)
    lock = seen["lock"]
    [taken] = [found["taken"] for found in seen["locks"] if found["id"] == lock]
    for read, write in increments(seen["log"]):
        assert read is not None, M.WRITE_WITHOUT_READ
        if hold(read, lock) is not None and hold(read, lock) == hold(write, lock):
            continue
        if not taken:
            assert not seen["made"], M.LOCK_MADE_IN_ADD.format(made=", ".join(seen["made"]))
            held = read[-1] + write[-1]
            assert not (held and all(by_value for _, _, by_value in held)), M.VALUE_LOCK_ONLY
            assert not held, M.OTHER_LOCK
            pytest.fail(M.NO_LOCK_HELD, pytrace=False)
        assert hold(write, lock) is not None, M.WRITE_OUTSIDE_LOCK
        assert hold(read, lock) is not None, M.READ_OUTSIDE_LOCK
        pytest.fail(M.SPLIT_HOLDS, pytrace=False)


def test_add_loses_no_increment_made_between_its_holds(judge):
    """When the counter is incremented as add releases `lock`, as another process could, the
    counter ends with those increments and add's `times` all in it."""
    seen = judge.run(S.call_add_between_increments, START, TIMES, hints=HINTS)
    assert seen["writes"] >= TIMES, M.INCREMENTS_BESIDE_OTHERS.format(
        between=seen["between"], writes=seen["writes"], times=TIMES
    )
    expected = START + TIMES + seen["between"]
    assert seen["value"] == expected, M.LOST_BETWEEN_HOLDS.format(
        between=seen["between"], start=START, times=TIMES, expected=expected, got=seen["value"]
    )


@pytest.mark.parametrize("kind", COUNTERS)
def test_add_leaves_every_lock_free(judge, kind):
    """When add returns, `lock` and the counter's own lock are free again."""
    seen = add_run(judge, kind)
    for found in seen["locks"]:
        what = "`lock`" if found["id"] == seen["lock"] else M.COUNTER_OWN_LOCK
        assert not found["held"], M.LOCK_STILL_HELD.format(what=what)


def test_add_waits_while_another_process_holds_lock(judge):
    """While another process holds `lock`, add touches counter.value not at all; it goes on once
    the lock is free."""
    seen = judge.run(
        S.add_while_another_process_holds_lock, START, TIMES, deadline=PROCESS_DEADLINE, hints=HINTS
    )
    assert not seen["during"], M.TOUCHED_WHILE_HELD.format(during=seen["during"])
    assert seen["waited"], M.NOT_WAITING
    expected = START + TIMES
    assert seen["value"] == expected, M.CONTENDED_TOTAL.format(
        times=TIMES, got=seen["value"], expected=expected, error=seen["error"] or M.NO_ERROR
    )


def test_main_starts_n_processes_through_the_context(judge):
    """main(n_processes, times, context) starts n_processes processes, from context.Process."""
    seen = main_run(judge, "fork")
    started = starts(seen)
    if not started:
        wrote = [entry for entry in seen["log"] if entry[0] == "write" and entry[3] == seen["me"]]
        assert not wrote, M.RAN_IN_PARENT
        pytest.fail(M.NOT_THROUGH_CONTEXT.format(started=0, n=N), pytrace=False)
    assert len(started) == N, M.STARTED_COUNT.format(started=len(started), n=N)


def test_main_starts_every_process_before_joining_any(judge):
    """All processes are started before the first join, so that they increment at the same time."""
    events = main_run(judge, "fork")["events"]
    starts_at = [i for i, (event, _, _) in enumerate(events) if event == "start"]
    joins_at = [i for i, (event, _, _) in enumerate(events) if event == "join"]
    if joins_at and starts_at and joins_at[0] < starts_at[-1]:
        later = next(events[i][1] for i in starts_at if i > joins_at[0])
        joined = events[joins_at[0]][1]
        pytest.fail(M.JOINED_TOO_EARLY.format(joined=joined, later=later), pytrace=False)


@pytest.mark.parametrize("method", METHODS)
def test_main_shares_one_value_and_one_lock_among_its_processes(judge, method):
    """Every process increments the one Value main made with the context, each increment inside
    one hold of one lock that every process shares."""
    seen = main_run(judge, method)
    assert seen["values"], M.NO_SHARED_VALUE.format(returned=seen["returned"])
    names = dict((pid, name) for name, pid in starts(seen))
    written = {entry[1] for entry in seen["log"] if entry[0] == "write" and entry[3] in names}
    assert len(written) <= 1, M.MANY_VALUES.format(count=len(written))
    exits = joins(seen)
    shared = {}
    # A process that ended holding a lock first: its own failure, if any, is the cause.
    ended_holding = {lock["orphaned_by"] for lock in seen["locks"]}
    for pid, name in sorted(names.items(), key=lambda started: started[0] not in ended_holding):
        if not increments(seen["log"], pid):
            assert name in exits, rules.not_joined(M, seen["events"], [name])
            code = exits.get(name)
            assert not (code and seen["plain_own_locks"]), M.PLAIN_LOCK_OF_VALUE.format(name=name)
            for lock in seen["locks"]:
                holder = names.get(lock["orphaned_by"])
                assert not (code and holder not in (None, name)), M.ENDED_HOLDING.format(
                    holder=holder, lock=lock["id"], name=name
                )
            assert not code, M.CHILD_FAILED.format(name=name, code=code)
            pytest.fail(M.NOT_INCREMENTED.format(name=name), pytrace=False)
        for read, write in increments(seen["log"], pid):
            common = set() if read is None else held_through(read, write)
            assert common, M.UNPROTECTED.format(name=name)
            shared[name] = shared.get(name, common) & common
    held = [M.HELD_LOCKS.format(name=name, locks=sorted(locks)) for name, locks in shared.items()]
    assert not shared or set.intersection(*shared.values()), M.PER_PROCESS_LOCK.format(
        held=rules.joined(M.LISTED, held)
    )


def test_main_runs_add_times_times_in_each_process(judge):
    """Each process main starts makes `times` increments, as main was asked."""
    seen = main_run(judge, "fork")
    for name, pid in starts(seen):
        writes = sum(1 for entry in seen["log"] if entry[0] == "write" and entry[3] == pid)
        if writes != EACH:
            assert name in joins(seen), rules.not_joined(M, seen["events"], [name])
        made = M.AT_LEAST.format(count=writes) if seen["overflow"] else writes
        assert writes == EACH, M.TIMES_IN_PROCESS.format(name=name, writes=made, times=EACH)


def test_main_returns_the_value_read_after_joining_every_process(judge):
    """main joins every process it started, then reads counter.value and returns what it read."""
    seen = main_run(judge, "fork")
    events = seen["events"]
    joined = joins(seen)
    missing = [name for name, _ in starts(seen) if name not in joined]
    assert not missing, rules.not_joined(M, seen["events"], missing)
    returned = seen["returned"]
    if type(returned) is not int:
        return  # not a number at all: the next rule says so
    last_join = max((i for i, (event, _, _) in enumerate(events) if event == "join"), default=-1)
    reads = [(i, value) for i, (event, _, value) in enumerate(events) if event == "read"]
    if any(value == returned for i, value in reads if i > last_join):
        return
    early = any(value == returned for i, value in reads)
    assert not early, M.READ_BEFORE_JOIN.format(returned=returned)
    pytest.fail(M.RETURNED_WITHOUT_READING.format(returned=returned), pytrace=False)


@pytest.mark.parametrize("method", METHODS)
def test_main_returns_every_increment_of_every_process(judge, method):
    """main(3, 7, context) returns 21, an int, under every start method."""
    returned = main_run(judge, method)["returned"]
    expected = N * EACH
    assert type(returned) is int, M.RETURNED_NOT_INT.format(got=returned, expected=expected)
    assert returned == expected, M.WRONG_TOTAL.format(n=N, times=EACH, got=returned, expected=expected)


def test_main_without_context_uses_the_default_start_method(judge):
    """With no context, main's processes start with multiprocessing's default start method."""
    seen = judge.run(
        S.run_main_on_default_method,
        "forkserver",
        2,
        EACH,
        deadline=PROCESS_DEADLINE,
        stuck=M.MAIN_STUCK,
        hints=HINTS,
    )
    methods = sorted(set(seen["methods"]))
    assert methods == ["forkserver"], M.NOT_DEFAULT_CONTEXT.format(
        method="forkserver", methods=methods
    )
    returned, expected = seen["returned"], 2 * EACH
    assert returned == expected, M.WRONG_TOTAL.format(n=2, times=EACH, got=returned, expected=expected)


def test_script_runs_its_demo(judge):
    """The file defines its API, and `python counter.py` runs any demo it has to the end."""
    judge.check_api("add", "main")
    judge.run_demo(deadline=PROCESS_DEADLINE, stuck=M.MAIN_STUCK)


# --- runs and checks shared by several rules ----------------------------------------------------


def add_run(judge, kind):
    """add(counter, lock, TIMES) on a counter of `kind` at START (one run, shared by the rules)."""
    return judge.run(S.call_add, kind, START, TIMES, hints=HINTS)


def main_run(judge, method):
    """main(N, EACH, context) with a recording context of `method` (one run, shared by the rules)."""
    return judge.run(
        S.run_main, method, N, EACH, deadline=PROCESS_DEADLINE, stuck=M.MAIN_STUCK, hints=HINTS
    )


def starts(seen):
    """(name, pid) of each process main started through the context, in order."""
    return seen["started"]


def joins(seen):
    """The exit code of each process main joined, by name."""
    return {name: code for event, name, code in seen["events"] if event == "join"}


def increments(log, pid=None):
    """(read, write) for each write in `log` (by `pid`, if given): the write, and the last read
    of the same thread before it (None if there was none)."""
    last, found = {}, []
    for entry in log:
        kind, _, _, by, thread, _, _ = entry
        if pid is not None and by != pid:
            continue
        if kind == "read":
            last[by, thread] = entry
        else:
            found.append((last.get((by, thread)), entry))
    return found


def hold(entry, lock):
    """The number of the hold of `lock` an access fell in, or None: a hold that code took, not
    one a value's own access took for itself."""
    return next((n for held, n, by_value in entry[-1] if held == lock and not by_value), None)


def held_through(read, write):
    """The locks held from the read to the write: those whose one hold both fell in."""
    return {lock for lock, number, _ in read[-1] if hold(write, lock) == number}
