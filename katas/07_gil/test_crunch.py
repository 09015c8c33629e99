"""The rules of kata 07: CPU-bound work split into ranges, counted in a thread pool and in a
process pool.

Each test is one rule, stated in its docstring. `judge.run(S.scenario, ...)` runs a scenario
(from this kata's .meta/scenarios.py) against your crunch.py in a separate process and returns
what it saw; the test checks the rule on that. For with_threads and with_processes, the
scenarios make concurrent.futures' executors ones that record how they were made and shut down,
and make count_primes log every call with the process and thread it ran in, in the pool's
workers too. So the rules see where the counting happened, never how fast: speed is what the
demo shows you. A rule whose test id names a start method (fork, spawn, forkserver) is checked
under that one.
"""

from __future__ import annotations

import collections

import pytest

from katakit import rules
from katakit.instruments import pools

S = rules.scenarios(__file__)
M = rules.messages(__file__)

METHODS = [pytest.param(method, id=method) for method in ("fork", "spawn", "forkserver")]
#: The n and workers of the pool rules: 3 workers, not the default 4, so that a pool that ignores
#: `workers` shows.
N, WORKERS = 2000, 3
COUNTS = [
    pytest.param(N, WORKERS, id="three-workers"),
    pytest.param(N, 1, id="one-worker"),
    pytest.param(10, 16, id="more-workers-than-numbers"),
]
SPLITS = [
    pytest.param(10, 4, id="ten-in-four"),
    pytest.param(100, 3, id="hundred-in-three"),
    pytest.param(12, 1, id="twelve-in-one"),
    pytest.param(7, 7, id="seven-in-seven"),
    pytest.param(3, 5, id="three-in-five"),
    pytest.param(0, 2, id="nothing-in-two"),
]
#: The n and workers of the rule whose threads switch between the instructions of crunch.py,
#: count_primes's own included: small, for each instruction is a hand-over.
RACES = [pytest.param(30, 3, id="thirty-in-three"), pytest.param(12, 4, id="twelve-in-four")]
#: Seconds for a scenario that starts processes (spawn starts a fresh interpreter for each).
PROCESS_DEADLINE = 8.0
#: What an exception in the student's code may mean, beyond what it says.
HINTS = {
    # A local object (a lambda, a nested function) cannot be pickled for the pool's workers. The
    # wording changed across versions ("Can't pickle", "Can't get"); the type and object did not.
    r"(PicklingError|AttributeError): .*<(lambda|locals)>": M.NOT_PICKLABLE,
    r"range\(\) arg 3 must not be zero": M.ZERO_STEP,
}


# --- chunks ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("n, parts", SPLITS)
def test_chunks_returns_parts_pairs(judge, n, parts):
    """chunks(n, parts) returns a list of `parts` int tuples (lo, hi), also when parts exceeds n."""
    got = judge.run(S.split, n, parts, hints=HINTS)
    check_pairs(got, n, parts)
    kind, others = judge.run(S.shape, n, parts, hints=HINTS)
    assert kind == "list", M.NOT_A_LIST.format(n=n, parts=parts, got=f"the {kind} {got}")
    assert not others, M.NOT_TUPLES.format(n=n, parts=parts, kinds=", ".join(sorted(set(others))))


@pytest.mark.parametrize("n, parts", SPLITS)
def test_chunks_cover_zero_to_n_without_gap_or_overlap(judge, n, parts):
    """The ranges follow one another from 0 to n: each starts where the one before it stops."""
    got = judge.run(S.split, n, parts, hints=HINTS)
    check_pairs(got, n, parts)
    assert got[0][0] == 0, M.NOT_FROM_ZERO.format(n=n, parts=parts, got=list(got), lo=got[0][0])
    for lo, hi in got:
        assert lo <= hi, M.BACKWARDS.format(n=n, parts=parts, got=list(got), lo=lo, hi=hi)
    for before, after in zip(got, got[1:]):
        assert after[0] <= before[1], M.GAP.format(
            n=n, parts=parts, got=list(got), before=before, after=after, first=before[1],
            last=after[0] - 1,
        )
        assert after[0] >= before[1], M.OVERLAP.format(
            n=n, parts=parts, got=list(got), before=before, after=after, first=after[0],
            last=before[1] - 1,
        )
    end = got[-1][1]
    assert end == n, M.NOT_TO_N.format(n=n, parts=parts, got=list(got), hi=end)


@pytest.mark.parametrize("n, parts", SPLITS)
def test_chunks_sizes_differ_by_at_most_one(judge, n, parts):
    """The sizes of the ranges (hi - lo) differ by at most one."""
    got = judge.run(S.split, n, parts, hints=HINTS)
    check_pairs(got, n, parts)
    sizes = [hi - lo for lo, hi in got]
    assert max(sizes) - min(sizes) <= 1, M.UNEVEN.format(
        n=n, parts=parts, got=list(got), sizes=sizes
    )


@pytest.mark.parametrize("parts", [pytest.param(0, id="zero"), pytest.param(-1, id="negative")])
def test_chunks_refuses_fewer_than_one_part(judge, parts):
    """chunks(n, parts) raises ValueError when parts < 1."""
    outcome, value = judge.run(S.refuse, parts)
    assert outcome == "raised", M.NOT_REFUSED.format(parts=parts, got=value)
    assert value == "ValueError", M.WRONG_ERROR.format(parts=parts, got=value)


# --- with_threads ---------------------------------------------------------------------------------


@pytest.mark.parametrize("n, workers", COUNTS)
def test_with_threads_returns_the_count(judge, n, workers):
    """with_threads(n, workers) returns count_primes(0, n)."""
    seen = in_threads(judge, n, workers)
    assert seen["total"] == seen["expected"], total_message(seen, "with_threads", n, workers)


def test_with_threads_counts_in_at_most_workers_pool_threads(judge):
    """with_threads counts in the threads of a ThreadPoolExecutor(max_workers=workers), never in
    the calling thread."""
    seen = in_threads(judge, N, WORKERS)
    mine = calls_in_the_caller(seen, "with_threads")
    check_pool_sizes(seen, "thread", "with_threads", "ThreadPoolExecutor")
    threads = sorted({call.thread for call in mine if not call.main_thread})
    assert len(threads) <= WORKERS, M.TOO_MANY_THREADS.format(
        count=len(threads), threads=threads, workers=WORKERS
    )


@pytest.mark.parametrize("n, workers", COUNTS)
def test_with_threads_never_counts_in_the_calling_thread(judge, n, workers):
    """with_threads counts in its pool's threads, never in the calling thread, with one worker
    or more workers than numbers too."""
    calls_in_the_caller(in_threads(judge, n, workers), "with_threads")


def test_with_threads_counts_each_range_of_chunks_once(judge):
    """with_threads calls count_primes once for each range of chunks(n, workers), and no more."""
    check_ranges(in_threads(judge, N, WORKERS), "with_threads")


def test_with_threads_hands_every_range_to_one_pool_before_waiting(judge):
    """with_threads submits every range to one pool before it waits for a result, so that the
    ranges are counted at the same time."""
    check_submitted_together(in_threads(judge, N, WORKERS), "thread", "with_threads", "ThreadPoolExecutor")


def test_with_threads_hands_each_range_to_the_pool_as_a_task_of_its_own(judge):
    """with_threads hands its pool one task for each range, so that no thread counts several
    ranges one after another."""
    seen = in_threads(judge, N, WORKERS)
    check_a_task_per_range(seen, "thread", "with_threads", "ThreadPoolExecutor")
    ranges = len(seen["chunks"])
    assert seen["at_once"] >= ranges, M.RANGES_COUNTED_IN_TURN.format(
        most=seen["at_once"], ranges=ranges
    )


def test_with_threads_leaves_no_thread_running(judge):
    """with_threads shuts its pool down and waits for it: none of its threads runs when it
    returns."""
    check_finished(in_threads(judge, N, WORKERS), "with_threads", "ThreadPoolExecutor", "threads")


@pytest.mark.parametrize("switching", rules.SWITCHINGS)
@pytest.mark.parametrize("n, workers", RACES)
def test_with_threads_is_right_when_threads_switch_between_instructions(
    judge, n, workers, switching
):
    """with_threads(n, workers) counts each range of chunks once and returns count_primes(0, n)
    even when the threads switch between the instructions of crunch.py, so no thread acts on
    what another has changed since it looked."""
    seen = in_threads(judge, n, workers, switching)
    facts = {"n": n, "workers": workers, "got": seen["total"], "expected": seen["expected"]}
    got = sorted(tuple(call.args) for call in calls_of(seen))
    if got != sorted(seen["chunks"]):
        what = M.RACED_RANGES.format(**facts, ranges=got, chunks=seen["chunks"])
        frame = M.RACED_LOOP if read_late(got, seen["chunks"]) else M.RACED
        pytest.fail(frame.format(what=what), pytrace=False)
    assert seen["total"] == seen["expected"], M.RACED.format(what=M.RACED_TOTAL.format(**facts))


# --- with_processes -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_with_processes_returns_the_count(judge, method):
    """with_processes(n, workers, context) returns count_primes(0, n)."""
    seen = in_processes(judge, method)
    assert seen["total"] == seen["expected"], total_message(seen, "with_processes", N, WORKERS)


@pytest.mark.parametrize("method", METHODS)
def test_with_processes_counts_in_at_most_workers_child_processes(judge, method):
    """with_processes counts in the child processes of a ProcessPoolExecutor(max_workers=workers,
    mp_context=context), never in the calling process."""
    seen = in_processes(judge, method)
    mine = calls_in_the_caller(seen, "with_processes")
    threads = sorted({call.thread for call in mine if not call.main_thread})
    assert not threads, M.COUNTED_IN_THREADS.format(threads=threads)
    made = pools_made(seen, "process", "with_processes", "ProcessPoolExecutor")
    methods = sorted({start for _, _, start, *_ in made})
    assert methods == [method], M.NOT_THROUGH_CONTEXT.format(got=methods, method=method)
    check_pool_sizes(seen, "process", "with_processes", "ProcessPoolExecutor")
    pids = sorted({call.pid for call in calls_of(seen)})
    assert len(pids) <= WORKERS, M.TOO_MANY_PROCESSES.format(
        count=len(pids), pids=pids, workers=WORKERS
    )


@pytest.mark.parametrize("method", METHODS)
def test_with_processes_counts_each_range_of_chunks_once(judge, method):
    """with_processes calls count_primes once for each range of chunks(n, workers), and no more."""
    check_ranges(in_processes(judge, method), "with_processes")


@pytest.mark.parametrize("method", METHODS)
def test_with_processes_hands_every_range_to_one_pool_before_waiting(judge, method):
    """with_processes submits every range to one pool before it waits for a result, so that the
    ranges are counted at the same time."""
    seen = in_processes(judge, method)
    check_submitted_together(seen, "process", "with_processes", "ProcessPoolExecutor")


@pytest.mark.parametrize("method", METHODS)
def test_with_processes_hands_each_range_to_the_pool_as_a_task_of_its_own(judge, method):
    """with_processes hands its pool one task for each range, so that no worker counts several
    ranges one after another."""
    seen = in_processes(judge, method)
    check_a_task_per_range(seen, "process", "with_processes", "ProcessPoolExecutor")


@pytest.mark.parametrize("method", METHODS)
def test_with_processes_leaves_no_process_running(judge, method):
    """with_processes shuts its pool down and waits for it: none of its processes runs when it
    returns."""
    seen = in_processes(judge, method)
    check_finished(seen, "with_processes", "ProcessPoolExecutor", "processes")


@pytest.mark.parametrize("method", [pytest.param(m, id=m) for m in ("spawn", "forkserver")])
def test_with_processes_without_context_uses_the_default_start_method(judge, method):
    """With no context, with_processes's pool starts its processes the default way."""
    seen = judge.run(
        S.crunch_on_default_method, method, N, 1, deadline=PROCESS_DEADLINE, stuck=M.STUCK,
        hints=HINTS, prepare=pools.record_executors,
    )
    made = pools_made(seen, "process", "with_processes", "ProcessPoolExecutor")
    methods = sorted({start for _, _, start, *_ in made})
    assert methods == [method], M.NOT_DEFAULT_METHOD.format(got=methods, method=method)


def test_script_runs_its_demo(judge):
    """The file defines its API, and `python crunch.py` runs its demo to the end."""
    judge.check_api("count_primes", "chunks", "with_threads", "with_processes")
    judge.run_demo(stuck=M.STUCK)


# --- checks shared by the rules -------------------------------------------------------------------


def in_threads(judge, n, workers, switching=None):
    """What with_threads(n, workers) did (see the scenario), in a bubble: its threads interleave
    at the scenario's holds, and between the instructions of crunch.py as `switching` says, the
    same way on every run."""
    judge.bubble = True
    hints = HINTS if switching is None else {**HINTS, rules.NOT_A_STUB: M.RACED_RAISED}
    return judge.run(
        S.crunch_in_threads, n, workers, stuck=M.STUCK, hints=hints,
        prepare=pools.record_executors, switching=switching,
    )


def in_processes(judge, method):
    """What with_processes(N, WORKERS, a context of `method`) did (see the scenario)."""
    return judge.run(
        S.crunch_in_processes, method, N, WORKERS, deadline=PROCESS_DEADLINE, stuck=M.STUCK,
        hints=HINTS, prepare=pools.record_executors,
    )


def check_pairs(got, n, parts):
    """chunks(n, parts) returned a list of `parts` pairs of ints."""
    assert isinstance(got, tuple), M.NOT_A_LIST.format(n=n, parts=parts, got=got)
    assert len(got) == parts, M.CHUNK_COUNT.format(n=n, parts=parts, got=list(got), count=len(got))
    bad = [item for item in got if not is_pair(item)]
    assert not bad, M.NOT_PAIRS.format(n=n, parts=parts, got=list(got), bad=bad[0])


def is_pair(item) -> bool:
    """Whether `item` (a plain value) is a pair of ints."""
    return (
        isinstance(item, tuple)
        and len(item) == 2
        and all(type(bound) is int for bound in item)
    )


def calls_of(seen):
    """The calls of count_primes the scenario logged, each a `pools.Call`."""
    return [pools.Call(*call) for call in seen["calls"]]


def pools_made(seen, kind, function, pool):
    """The pools of `kind` ("thread", "process") the function made, as the scenario recorded
    them; it fails the test if there is none."""
    made = [record for record in seen["pools"] if record[0] == kind]
    assert made, M.NO_POOL.format(function=function, pool=pool)
    return made


def calls_in_the_caller(seen, function):
    """The count_primes calls made in the calling process, once none was made in its calling
    thread itself (else the test fails: no pool did that work)."""
    mine = [call for call in calls_of(seen) if call.pid == seen["caller"]]
    here = [tuple(call.args) for call in mine if call.main_thread]
    assert not here, M.COUNTED_IN_CALLER.format(function=function, ranges=here)
    return mine


def check_pool_sizes(seen, kind, function, pool):
    """The function made a pool of `kind`, each one of them with max_workers=WORKERS."""
    made = pools_made(seen, kind, function, pool)
    sizes = [size for _, size, *_ in made]
    assert all(size == WORKERS for size in sizes), M.POOL_SIZE.format(
        function=function, pool=pool, sizes=sizes, workers=WORKERS
    )


def check_submitted_together(seen, kind, function, pool):
    """The function made one pool of `kind`, and submitted every range to it before a wait."""
    made = pools_made(seen, kind, function, pool)
    assert len(made) == 1, M.POOL_PER_RANGE.format(function=function, pool=pool, count=len(made))
    *_, submitted, after_a_wait = made[0]
    assert not after_a_wait, M.WAITED_BETWEEN_SUBMITS.format(
        function=function, late=after_a_wait, submitted=submitted
    )


def check_a_task_per_range(seen, kind, function, pool):
    """The function submitted at least as many tasks to its pools of `kind` as chunks has ranges
    (map submits one for each call, or for each chunksize calls), every range was counted in one
    of their tasks, and no task counted more than one."""
    made = pools_made(seen, kind, function, pool)
    submitted = sum(record[4] for record in made)
    ranges = len(seen["chunks"])
    facts = {"function": function, "pool": pool, "ranges": ranges}
    assert submitted >= ranges, M.RANGES_SHARE_A_TASK.format(**facts, submitted=submitted)
    outside = [tuple(call.args) for call in calls_of(seen) if call.task is None]
    assert not outside, M.RANGES_OUTSIDE_A_TASK.format(**facts, outside=outside)
    counted = collections.Counter(call.task for call in calls_of(seen))
    most = max(counted.values(), default=0)
    assert most <= 1, M.RANGES_IN_ONE_TASK.format(**facts, most=most)


def check_ranges(seen, function):
    """count_primes was called once for each range of chunks(N, WORKERS), for nothing else."""
    message = ranges_message(seen, function, N, WORKERS)
    assert not message, message


def total_message(seen, function, n, workers):
    """Why function(n, workers) returned a wrong total: the ranges it counted, if they were not
    chunks(n, workers); else, for threads that counted them all and returned less, counts lost
    on their way to the total; else the total itself."""
    facts = {"function": function, "n": n, "workers": workers}
    facts.update(got=seen["total"], expected=seen["expected"])
    found = ranges_message(seen, function, n, workers)
    if not found and function == "with_threads" and type(seen["total"]) is int:
        found = M.COUNTS_LOST.format(**facts) if seen["total"] < seen["expected"] else ""
    return found or M.WRONG_TOTAL.format(**facts)


def ranges_message(seen, function, n, workers):
    """What is wrong with the ranges count_primes was called on, if they are not each range of
    chunks(n, workers) once: the same ranges, some twice and others never, are the calls of a
    function that read the loop's variables when it ran, not when it was made."""
    got = sorted(tuple(call.args) for call in calls_of(seen))
    expected = sorted(seen["chunks"])
    if got == expected:
        return ""
    return (M.LATE_BOUND if read_late(got, expected) else M.RANGES).format(
        function=function, got=got, expected=expected, n=n, workers=workers
    )


def read_late(got, expected) -> bool:
    """Whether the ranges `got` are as many as those `expected`, each one of them, some twice and
    others never: what tasks that read the loop's variables when they ran count."""
    return len(got) == len(expected) and set(got) < set(expected)


def check_finished(seen, function, pool, what):
    """Every pool was shut down, the first time with wait=True, and nothing ran on after."""
    waits = [shutdowns for _, _, _, shutdowns, *_ in seen["pools"]]
    assert all(waits), M.NOT_SHUT_DOWN.format(
        function=function, pool=pool, count=waits.count(()), left=seen["left"][what]
    )
    assert all(shutdowns[0] for shutdowns in waits), M.NO_WAIT.format(function=function)
    left = seen["left"]["threads"] + seen["left"]["processes"]
    assert not left, M.LEFT_RUNNING.format(function=function, left=left)
