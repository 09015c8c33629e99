"""The rules of kata 01: a worker function run as a child process, and a main that runs many.

Each test is one rule, stated in its docstring. `judge.run(S.scenario, ...)` runs a scenario
(from this kata's .meta/scenarios.py) against your worker.py in a separate process and returns
what it saw; the test checks the rule on that. The scenarios call your worker directly or as a
child's target, and hand your main a context whose processes record when they are started and
joined, and whose queues know what each process put and what main read; or whose processes start
in reverse order. A rule whose test id names a start method (fork, spawn, forkserver) is checked
under that one.
"""

from __future__ import annotations

import functools

import pytest

from katakit import rules
from katakit.instruments import processes

S = rules.scenarios(__file__)
M = rules.messages(__file__)

METHODS = [pytest.param(method, id=method) for method in ("fork", "spawn", "forkserver")]
#: What an exception in main may mean, beyond what it says.
HINTS = {
    # A local object (a lambda, a nested function) cannot be pickled for a spawned child. The
    # wording changed across versions ("Can't pickle", "Can't get"); the type and object did not.
    r"(PicklingError|AttributeError): .*<(lambda|locals)>": M.NOT_PICKLABLE,
    "can only join a started process": M.NEVER_STARTED,
    "QueueNotFromContext": M.QUEUE_NOT_FROM_CONTEXT,
}
#: Seconds for a scenario that starts processes (spawn starts a fresh interpreter for each).
PROCESS_DEADLINE = 8.0


def test_importing_the_module_starts_no_process(judge):
    """Importing worker.py (not as __main__) starts no process; only a call of main() does."""
    reports = judge.run(
        S.run_main_after_import,
        2,
        stuck=M.MAIN_STUCK,
        hints=HINTS,
        prepare=functools.partial(processes.import_as_library, M.STARTED_AT_IMPORT),
    )
    assert len(reports) == 2, M.MAIN_COUNT.format(n=2, count=len(reports))


def test_worker_puts_one_report_about_its_own_process(judge):
    """One call of worker puts exactly one Report(name, count, ppid, pid) of the process it runs in."""
    reports, name, ppid, pid = judge.run(S.call_worker_here, 3)
    assert len(reports) == 1, M.REPORT_COUNT.format(count=len(reports))
    kind, value = reports[0]
    assert kind == "report", M.NOT_A_REPORT.format(value=value)
    got_name, argument, got_ppid, got_pid = value
    assert (got_pid, got_ppid) != (ppid, pid), M.PIDS_SWAPPED.format(pid=got_pid, ppid=got_ppid)
    assert got_name == name, M.WRONG_NAME.format(got=got_name, expected=name)
    assert argument == 3, M.WRONG_ARGUMENT.format(got=argument, expected=3)
    assert got_pid == pid, M.WRONG_PID.format(got=got_pid, expected=pid)
    assert got_ppid == ppid, M.WRONG_PPID.format(got=got_ppid, expected=ppid)


@pytest.mark.parametrize("method", METHODS)
def test_worker_reports_from_the_child_it_runs_in(judge, method):
    """Run as a child's target, worker reports that child's name and pid, and its parent's pid."""
    seen = judge.run(S.run_worker_in_child, method, deadline=PROCESS_DEADLINE)
    assert seen["exitcode"] == 0, M.CHILD_FAILED.format(code=seen["exitcode"])
    assert seen["reports"], M.NO_REPORT
    assert len(seen["reports"]) == 1, M.REPORT_COUNT.format(count=len(seen["reports"]))
    kind, value = seen["reports"][0]
    assert kind == "report", M.NOT_A_REPORT.format(value=value)
    name, argument, ppid, pid = value
    assert (pid, ppid) != (seen["ppid"], seen["pid"]), M.PIDS_SWAPPED.format(pid=pid, ppid=ppid)
    assert pid != seen["caller"], M.RAN_IN_CALLER.format(count=1, pid=pid)
    assert name == "process 7", M.WRONG_NAME.format(got=name, expected="process 7")
    assert argument == 7, M.WRONG_ARGUMENT.format(got=argument, expected=7)
    assert pid == seen["pid"], M.WRONG_PID.format(got=pid, expected=seen["pid"])
    assert ppid == seen["ppid"], M.WRONG_PPID.format(got=ppid, expected=seen["ppid"])


def test_main_starts_processes_through_the_context(judge):
    """main takes its Process class from `context`, so the caller picks the start method."""
    seen = judge.run(S.run_main, "fork", 3, stuck=M.MAIN_STUCK, hints=HINTS)
    started = [name for event, name, _ in seen["events"] if event == "start"]
    assert started, M.NOT_THROUGH_CONTEXT.format(started=len(started), n=3)
    assert len(started) == 3, M.STARTED_COUNT.format(started=len(started), n=3)


def test_main_runs_worker_in_each_process(judge):
    """Each process main starts through the context has worker as its target."""
    seen = judge.run(S.run_main, "fork", 3, stuck=M.MAIN_STUCK, hints=HINTS)
    others = [(name, target) for name, is_worker, target in seen["targets"] if not is_worker]
    assert not others, M.TARGET_NOT_WORKER.format(name=others[0][0], target=others[0][1])


@pytest.mark.parametrize("method", METHODS)
def test_main_returns_one_report_per_process(judge, method):
    """main(5) returns 5 reports sorted by argument, from 5 distinct children named "process i"."""
    seen = judge.run(
        S.run_main, method, 5, deadline=PROCESS_DEADLINE, stuck=M.MAIN_STUCK, hints=HINTS
    )
    rules.check_reports(M, seen, 5)


@pytest.mark.parametrize("method", METHODS)
def test_main_returns_the_reports_its_children_sent(judge, method):
    """Each report main returns is one a child sent back, through the queue or any other
    channel: none is made in main."""
    seen = judge.run(
        S.run_main, method, 5, deadline=PROCESS_DEADLINE, stuck=M.MAIN_STUCK, hints=HINTS
    )
    for (kind, fields), sent_by in zip(seen["reports"], seen["sent_by"], strict=True):
        shown = f"Report{fields}" if kind == "report" else fields
        assert sent_by in seen["children"], M.REPORT_NOT_SENT.format(report=shown)


@pytest.mark.parametrize(
    "n", [pytest.param(1, id="one"), pytest.param(8, id="eight"), pytest.param(12, id="twelve")]
)
def test_main_runs_as_many_processes_as_asked(judge, n):
    """main(n) works for any n, not only the default 5 (and past 10, where "process 10" < "process 2")."""
    seen = judge.run(S.run_main, "fork", n, stuck=M.MAIN_STUCK, hints=HINTS)
    rules.check_reports(M, seen, n)


@pytest.mark.parametrize("n", [pytest.param(5, id="five"), pytest.param(12, id="twelve")])
def test_main_sorts_reports_that_arrive_in_reverse(judge, n):
    """main returns the reports sorted by argument, whatever order they arrive in."""
    seen = judge.run(
        S.run_main_reversed, n, deadline=PROCESS_DEADLINE, stuck=M.REVERSED_STUCK, hints=HINTS
    )
    rules.check_reports(M, seen, n)


def test_main_starts_every_process_before_joining_any(judge):
    """All processes are started before the first join, so the workers run at the same time."""
    seen = judge.run(S.run_main, "fork", 4, stuck=M.MAIN_STUCK, hints=HINTS)
    events = seen["events"]
    starts = [i for i, (event, _, _) in enumerate(events) if event == "start"]
    joins = [i for i, (event, _, _) in enumerate(events) if event == "join"]
    assert starts, M.NOT_THROUGH_CONTEXT.format(started=len(starts), n=4)
    assert len(starts) == 4, M.STARTED_COUNT.format(started=len(starts), n=4)
    if joins and joins[0] < starts[-1]:
        later = [events[i][1] for i in starts if i > joins[0]]
        joined = events[joins[0]][1]
        pytest.fail(M.JOINED_TOO_EARLY.format(joined=joined, later=later[0]), pytrace=False)


def test_main_waits_by_join_never_by_sleep(judge):
    """main waits for its processes with join() and for reports with get(): it never sleeps."""
    slept = judge.run(
        S.run_main_refusing_sleep, 4, stuck=M.MAIN_STUCK, hints=HINTS, prepare=processes.refuse_sleeps
    )
    assert slept is None, M.SLEPT.format(**slept)


def test_main_stops_reading_at_n_reports_not_at_a_timeout(judge):
    """main stops reading once it has its n reports: it never ends on a get() that times out."""
    seen = judge.run(S.run_main, "fork", 3, stuck=M.MAIN_STUCK, hints=HINTS)
    assert not seen["timed_out"], M.READ_UNTIL_TIMEOUT.format(site=seen["timed_out"][0])


def test_main_reads_what_a_process_put_before_joining_it(judge):
    """main joins a process only once it has read everything that process put on the queue,
    even when the reports arrive in the reverse of the order the processes were started in."""
    events = judge.run(S.run_main_arriving_in_reverse, 4, stuck=M.REVERSED_STUCK, hints=HINTS)
    unread = [(name, count) for event, name, count in events if event == "unread"]
    assert not unread, M.JOINED_BEFORE_READING.format(name=unread[0][0], count=unread[0][1])


def test_main_joins_every_process_it_started(judge):
    """Every started process is joined before main returns, and each exited with code 0."""
    seen = judge.run(S.run_main, "fork", 4, stuck=M.MAIN_STUCK, hints=HINTS)
    started = [name for event, name, _ in seen["events"] if event == "start"]
    assert started, M.NOT_THROUGH_CONTEXT.format(started=len(started), n=4)
    assert len(started) == 4, M.STARTED_COUNT.format(started=len(started), n=4)
    joined = {name: code for event, name, code in seen["events"] if event == "join"}
    missing = [name for name in started if name not in joined]
    assert not missing, rules.not_joined(M, seen["events"], missing)
    bad = {name: code for name, code in joined.items() if code != 0}
    assert not bad, M.BAD_EXIT.format(names=list(bad), codes=list(bad.values()))


@pytest.mark.parametrize("method", [pytest.param(m, id=m) for m in ("spawn", "forkserver")])
def test_main_without_context_uses_the_default_start_method(judge, method):
    """With no context, main starts its children with multiprocessing's default start method."""
    seen = judge.run(
        S.run_main_with_default_context, method, 2, deadline=PROCESS_DEADLINE, stuck=M.MAIN_STUCK,
        hints=HINTS,
    )
    assert len(seen["reports"]) == 2, M.MAIN_COUNT.format(n=2, count=len(seen["reports"]))
    fields = rules.check_made_in_children(M, seen)
    assert seen["methods"] == [method], M.NOT_DEFAULT_CONTEXT.format(
        method=method, used=rules.joined(M.METHODS_AND, seen["methods"])
    )
    rules.check_parent(M, seen, fields)


def test_script_runs_its_demo_under_spawn(judge):
    """The file defines its API, and `python worker.py` runs any demo it has, under spawn."""
    judge.check_api("Report", "worker", "main")
    judge.run_demo(start_method="spawn", deadline=PROCESS_DEADLINE, stuck=M.MAIN_STUCK)
