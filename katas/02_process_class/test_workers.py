"""The rules of kata 02: a Process subclass, run() versus start(), and the __main__ guard.

Each test is one rule, stated in its docstring. `judge.run(S.scenario, ...)` runs a scenario
(from this kata's .meta/scenarios.py) against your workers.py in a separate process and returns
what it saw; the test checks the rule on that. The scenarios make your Worker and run or start
it, and run your main with your Worker class changed in place so that it records when its
processes are started and joined, or starts them in reverse order; they note the start method
each process was made with. A rule whose test id names a start method (fork, spawn, forkserver)
is checked under that one. The last rule runs your file as a script, in a process of its own,
under the spawn start method.
"""

from __future__ import annotations

import functools

import pytest

from katakit import rules
from katakit.instruments import processes

S = rules.scenarios(__file__)
M = rules.messages(__file__)

METHODS = [pytest.param(method, id=method) for method in ("fork", "spawn", "forkserver")]
#: Seconds for a scenario that starts processes (spawn starts a fresh interpreter for each).
PROCESS_DEADLINE = 8.0
#: What an exception in the student's code may mean, beyond what it says.
HINTS = {
    # join() of a process that never started: run() called instead of start(), or start()
    # overridden.
    "can only join a started process": M.NEVER_STARTED,
    # What Process.__init__ sets up is missing: Worker.__init__ did not call it.
    r"AttributeError: .* has no attribute "
    r"'_(name|closed|config|popen|identity|parent_pid|target|kwargs)'": M.NO_PROCESS_INIT,
}
#: What a spawned child says when the script has no __main__ guard.
BOOTSTRAPPING = "bootstrapping phase"


def run_main_recorded(judge):
    """The events of main(4), its Worker class and queues recording."""
    return judge.run(
        S.run_main_recorded, 4, stuck=M.MAIN_STUCK, hints=HINTS, prepare=processes.attribute_queues
    )


def check_started_with(seen, method):
    """Assert main's workers (`seen` from S.run_main) all started with `method`, the default."""
    other = [used for used in seen["methods"] if used != method]
    assert not other, M.OTHER_START_METHOD.format(
        what=M.MAINS_WORKERS, used=rules.joined(M.METHODS_AND, other), method=method
    )


def test_importing_the_module_starts_no_process(judge):
    """Importing workers.py (not as __main__, in a main process) starts nothing; only main() does."""
    reports = judge.run(
        S.run_main_after_import,
        2,
        stuck=M.MAIN_STUCK,
        hints=HINTS,
        prepare=functools.partial(processes.import_as_library, M.STARTED_AT_IMPORT),
    )
    assert len(reports) == 2, M.MAIN_COUNT.format(n=2, count=len(reports))


def test_worker_is_a_process_named_as_given(judge):
    """Worker(name, args, reports) is a multiprocessing.Process named `name`."""
    is_process, pinned, name = judge.run(S.make_worker, "process 3", hints=HINTS)
    assert not pinned, M.PINNED_CLASS.format(method=pinned)
    assert is_process, M.NOT_A_PROCESS
    assert name == "process 3", M.WRONG_NAME.format(expected="process 3", got=name)


def test_run_called_directly_runs_in_the_caller(judge):
    """run() holds the work; called directly (no start()), it runs in the calling process."""
    reports, caller, caller_parent, overrides_start = judge.run(S.call_run_directly, hints=HINTS)
    assert reports or not overrides_start, M.WORK_IN_START
    assert len(reports) == 1, M.REPORT_COUNT.format(count=len(reports))
    kind, value = reports[0]
    assert kind == "report", M.NOT_A_REPORT.format(value=value)
    name, argument, ppid, pid = value
    assert (name, argument) == ("process 3", 3), M.WRONG_FIELDS.format(
        got=value, name="process 3", argument=3
    )
    assert (pid, ppid) != (caller_parent, caller), M.PIDS_SWAPPED.format(pid=pid, ppid=ppid)
    assert pid == caller, M.RUN_IN_CALLER_EXPECTED.format(got=pid, expected=caller)


@pytest.mark.parametrize("method", METHODS)
def test_started_worker_reports_from_its_own_process(judge, method):
    """start() makes a child that runs run(): it reports the child's pid, and its parent's."""
    seen = judge.run(S.start_one_worker, method, deadline=PROCESS_DEADLINE, hints=HINTS)
    for _, _, ppid, pid in (value for kind, value in seen["reports"] if kind == "report"):
        assert (pid, ppid) != (seen["ppid"], seen["pid"]), M.PIDS_SWAPPED.format(pid=pid, ppid=ppid)
    pids = [value[3] for kind, value in seen["reports"] if kind == "report"]
    caller = seen["caller"]
    assert caller not in pids, M.RAN_IN_CALLER.format(count=pids.count(caller), pid=caller)
    assert seen["started"], M.START_OVERRIDDEN
    assert seen["exitcode"] == 0, M.CHILD_FAILED.format(code=seen["exitcode"])
    assert seen["reports"], M.NO_REPORT
    assert len(seen["reports"]) == 1, M.REPORT_COUNT.format(count=len(seen["reports"]))
    kind, value = seen["reports"][0]
    assert kind == "report", M.NOT_A_REPORT.format(value=value)
    name, argument, ppid, pid = value
    assert (name, argument) == ("process 3", 3), M.WRONG_FIELDS.format(
        got=value, name="process 3", argument=3
    )
    assert seen["method"] == method, M.OTHER_START_METHOD.format(
        what=M.THE_WORKER, used=seen["method"], method=method
    )
    assert pid == seen["pid"], M.WRONG_PID.format(got=pid, expected=seen["pid"])
    assert ppid == seen["ppid"], M.WRONG_PPID.format(got=ppid, expected=seen["ppid"])


@pytest.mark.parametrize("method", METHODS)
def test_main_returns_one_report_per_worker(judge, method):
    """main(5) returns 5 reports sorted by argument, from 5 distinct workers named "process i"."""
    seen = judge.run(
        S.run_main, method, 5, deadline=PROCESS_DEADLINE, stuck=M.MAIN_STUCK, hints=HINTS
    )
    check_started_with(seen, method)
    rules.check_reports(M, seen, 5)


@pytest.mark.parametrize("n", [pytest.param(1, id="one"), pytest.param(12, id="twelve")])
def test_main_runs_as_many_workers_as_asked(judge, n):
    """main(n) works for any n, not only the default 5 (and past 10, where "process 10" < "process 2")."""
    seen = judge.run(
        S.run_main, "fork", n, deadline=PROCESS_DEADLINE, stuck=M.MAIN_STUCK, hints=HINTS
    )
    check_started_with(seen, "fork")
    rules.check_reports(M, seen, n)


@pytest.mark.parametrize("n", [pytest.param(5, id="five"), pytest.param(12, id="twelve")])
def test_main_sorts_reports_that_arrive_in_reverse(judge, n):
    """main returns the reports sorted by argument, whatever order they arrive in."""
    seen = judge.run(
        S.run_main_reversed, n, deadline=PROCESS_DEADLINE, stuck=M.REVERSED_STUCK, hints=HINTS
    )
    rules.check_reports(M, seen, n)


def test_main_starts_every_worker_before_joining_any(judge):
    """main starts all its Workers before the first join, and joins each one."""
    events = run_main_recorded(judge)
    starts = [i for i, (event, _, _) in enumerate(events) if event == "start"]
    joins = [i for i, (event, _, _) in enumerate(events) if event == "join"]
    assert starts, M.NOT_WORKERS.format(started=len(starts), n=4)
    assert len(starts) == 4, M.STARTED_COUNT.format(started=len(starts), n=4)
    if joins and joins[0] < starts[-1]:
        later = [events[i][1] for i in starts if i > joins[0]]
        joined = events[joins[0]][1]
        pytest.fail(M.JOINED_TOO_EARLY.format(joined=joined, later=later[0]), pytrace=False)
    joined = {name for event, name, _ in events if event == "join"}
    missing = [events[i][1] for i in starts if events[i][1] not in joined]
    assert not missing, M.NOT_JOINED.format(names=missing)


def test_main_stops_reading_at_n_reports_not_at_a_timeout(judge):
    """main stops reading once it has its n reports: it never ends on a get() that times out."""
    seen = judge.run(
        S.run_main, "fork", 3, deadline=PROCESS_DEADLINE, stuck=M.MAIN_STUCK, hints=HINTS
    )
    assert not seen["timed_out"], M.READ_UNTIL_TIMEOUT.format(site=seen["timed_out"][0])


def test_main_reads_what_a_worker_put_before_joining_it(judge):
    """main joins a Worker only once it has read everything that Worker put on the queue, even
    when the reports arrive in the reverse of the order the Workers were started in."""
    events = judge.run(
        S.run_main_recorded_in_reverse, 4, stuck=M.REVERSED_STUCK, hints=HINTS,
        prepare=processes.attribute_queues,
    )
    unread = [(name, count) for event, name, count in events if event == "unread"]
    assert not unread, M.JOINED_BEFORE_READING.format(name=unread[0][0], count=unread[0][1])


def test_script_runs_under_spawn(judge):
    """`python workers.py` under spawn exits 0 and prints two lines per worker (needs the guard)."""
    run = judge.run_script(
        start_method="spawn", stuck=M.MAIN_STUCK, hints={BOOTSTRAPPING: M.NO_GUARD}
    )
    rules.check_report_lines(M, run)
