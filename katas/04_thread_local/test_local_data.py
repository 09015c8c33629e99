"""Tests of kata 04 (thread-local data).

Each scenario function runs in the judge's child process against your `local_data.py` and
returns plain observations; each test asserts on them here, in the pytest process. Threads are
ordered with a Barrier (every thread has set its value before any reads it back) and with
join() (a thread starts only after the previous one has finished), never with sleep.
"""

from __future__ import annotations

import threading
import time

import pytest

from katakit import helpers, rules
from katakit.deadlines import DEFAULT_DEADLINE

M = rules.messages(__file__)

#: The index the scenario's own (calling) thread sets before it starts any thread.
CALLER_INDEX = 100
#: The index set by the thread that finishes before the others start.
FIRST_INDEX = 7
#: Threads started together, in batches one after another, until one gets the ident of that
#: finished thread: at most ROUNDS batches of BATCH threads (on Linux with glibc, which keeps a
#: few stacks of finished threads for reuse, the first batch gets it).
BATCH = 8
ROUNDS = 20
#: The indexes the two threads named "twin" set.
TWIN_INDEXES = (1, 2)

THREAD_COUNTS = [
    pytest.param(2, id="two"),
    pytest.param(5, id="five"),
    pytest.param(16, id="sixteen"),
]
WHERE = [
    pytest.param("calling thread", id="calling-thread"),
    pytest.param("new thread", id="new-thread"),
]


def plain(value: object) -> object:
    """`value` as plain values (ints, None, tuples, dicts), or its repr: scenarios return these."""
    if value is None or type(value) in (int, bool, str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, (tuple, list)):
        return tuple(plain(item) for item in value)
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    return repr(value)


# --- instruments (used in the judge's child) ----------------------------------------------------


class ThreadLog:
    """What the threads made through `RecordingThread` did: who started, who was joined."""

    def __init__(self) -> None:
        self.expected = 0
        self.started: list[threading.Thread] = []
        self.joined: list[threading.Thread] = []
        self.all_started = threading.Event()


LOG = ThreadLog()
#: The real class (record_threads replaces it in the threading module).
THREAD = threading.Thread


class RecordingThread(threading.Thread):
    """A Thread that records start() and join(), and holds its run() until main has started all
    `LOG.expected` threads (or joins one): main's threads then all live at once, so none of them
    can inherit the ident of one that has finished."""

    def start(self) -> None:
        LOG.started.append(self)
        if len(LOG.started) >= LOG.expected:
            LOG.all_started.set()
        run = self.run  # also a subclass's own run()

        def held_run() -> None:
            # The deadline is reached only by a main that starts too few threads and never joins.
            LOG.all_started.wait(helpers.seconds())
            run()

        self.run = held_run
        super().start()

    def join(self, timeout: float | None = None) -> None:
        LOG.all_started.set()  # a main that joins before it has started every thread
        super().join(timeout)
        if not self.is_alive():
            LOG.joined.append(self)


def record_threads() -> None:
    """`prepare`: threads made through threading.Thread (or `from threading import Thread`)
    record their start and join."""
    threading.Thread = RecordingThread


# --- scenarios (run in the judge's child) -------------------------------------------------------


def read_new_store(local_data, where):
    """read_index on a new store, in this thread or in a new one."""
    store = local_data.make_store()
    if where == "calling thread":
        return {"value": plain(local_data.read_index(store)), "errors": {}, "running": []}
    runner = helpers.Runner()
    runner.start("reader", local_data.read_index, store)
    running = runner.join(helpers.seconds())
    value = plain(runner.results.get("reader"))
    return {"value": value, "errors": runner.errors, "running": running}


def set_in_turn(local_data, indexes):
    """set_local_data on a new store with each of `indexes` in turn, in this thread."""
    store = local_data.make_store()
    return [plain(local_data.set_local_data(store, index)) for index in indexes]


def read_set_wait_read(local_data, store, index, barrier):
    """In a new thread: read, set `index`, wait until every thread has set, read again."""
    try:
        first = local_data.read_index(store)
        local_data.set_local_data(store, index)
    except BaseException:
        barrier.abort()  # the other threads stop waiting at once
        raise
    barrier.wait()
    return plain(first), plain(local_data.read_index(store))


def run_threads_together(local_data, n):
    """This thread sets CALLER_INDEX; then `n` threads "thread-i" each set i + 1 and, once all
    have set, read their store again; then this thread reads its own again."""
    store = local_data.make_store()
    local_data.set_local_data(store, CALLER_INDEX)
    barrier = threading.Barrier(n, timeout=helpers.seconds())
    runner = helpers.Runner()
    for i in range(n):
        runner.start(f"thread-{i}", read_set_wait_read, local_data, store, i + 1, barrier)
    running = runner.join(helpers.seconds())
    return {
        "threads": runner.results,
        "errors": runner.errors,
        "running": running,
        "caller": plain(local_data.read_index(store)),
    }


def run_twins(local_data):
    """Two threads both named "twin", alive together: each reads, sets its own index (1 or 2),
    waits until both have set, and reads again."""
    store = local_data.make_store()
    barrier = threading.Barrier(2, timeout=helpers.seconds())
    runners = [helpers.Runner(), helpers.Runner()]
    for runner, index in zip(runners, TWIN_INDEXES):
        runner.start("twin", read_set_wait_read, local_data, store, index, barrier)
    end = time.monotonic() + helpers.seconds()
    running = [name for r in runners for name in r.join(max(0.0, end - time.monotonic()))]
    errors = {name: error for r in runners for name, error in r.errors.items()}
    reads = [r.results.get("twin") for r in runners]
    return {"reads": reads, "errors": errors, "running": running}


def use_two_stores(local_data, first, second):
    """Set 1 in `first`, read `second`, set 2 in `second`, read both."""
    local_data.set_local_data(first, 1)
    second_before = plain(local_data.read_index(second))
    local_data.set_local_data(second, 2)
    return second_before, plain(local_data.read_index(first)), plain(local_data.read_index(second))


def run_two_stores(local_data, where):
    """Two stores from make_store(), used in this thread or in a new one."""
    first, second = local_data.make_store(), local_data.make_store()
    if where == "calling thread":
        return {"reads": use_two_stores(local_data, first, second), "errors": {}, "running": []}
    runner = helpers.Runner()
    runner.start("user", use_two_stores, local_data, first, second)
    running = runner.join(helpers.seconds())
    return {"reads": runner.results.get("user"), "errors": runner.errors, "running": running}


def read_then_set(local_data, store, index):
    """In a new thread: this thread's ident, and what it reads before it sets `index`."""
    first = plain(local_data.read_index(store))
    local_data.set_local_data(store, index)
    return threading.get_ident(), first


def read_and_wait(local_data, store, barrier):
    """In a new thread: this thread's ident and what it reads (it sets nothing); then wait until
    the whole batch has read, so that every thread of the batch is alive at once."""
    try:
        value = plain(local_data.read_index(store))
    except BaseException:
        barrier.abort()  # the other threads stop waiting at once
        raise
    barrier.wait()
    return threading.get_ident(), value


def run_after_a_finished_thread(local_data):
    """"thread-0" sets FIRST_INDEX and finishes. Then batches of BATCH threads read the store,
    each batch started after the previous one has finished, until a thread gets the ident of
    "thread-0" (at most ROUNDS batches, within a deadline). The threads of a batch are alive
    together, so between them they take every thread stack the C library keeps for reuse: the
    first batch gets "thread-0"'s as soon as that thread has fully exited."""
    store = local_data.make_store()
    runner = helpers.Runner()
    runner.start("thread-0", read_then_set, local_data, store, FIRST_INDEX)
    running = runner.join(helpers.seconds())
    if running or runner.errors:
        return {"seen": [], "errors": runner.errors, "running": running}
    first_ident, _ = runner.results["thread-0"]
    seen = []
    end = time.monotonic() + helpers.seconds()
    for batch in range(ROUNDS):
        runner = helpers.Runner()
        barrier = threading.Barrier(BATCH, timeout=helpers.seconds())
        names = [f"thread-{1 + batch * BATCH + i}" for i in range(BATCH)]
        for name in names:
            runner.start(name, read_and_wait, local_data, store, barrier)
        running = runner.join(max(0.0, end - time.monotonic()))
        if running or runner.errors:
            return {"seen": seen, "errors": runner.errors, "running": running}
        for name in names:
            ident, value = runner.results[name]
            seen.append((name, ident == first_ident, value))
        if any(same for _, same, _ in seen) or time.monotonic() > end:
            break
    return {"seen": seen, "first_ident": first_ident, "errors": {}, "running": []}


def run_main_from(local_data, n, caller):
    """run_main, called from a plain thread named `caller` instead of the child's main thread.
    An exception escapes that thread: the judge then fails the test with it."""
    box: dict = {}
    thread = THREAD(target=lambda: box.update(run_main(local_data, n)), name=caller, daemon=True)
    thread.start()
    # Past the judge's own deadline: a main that never returns ends as judge-stuck, not here.
    thread.join(helpers.seconds(DEFAULT_DEADLINE + 1))
    return box


def run_main(local_data, n):
    """main(n), with threads that record their start and join; then every thread is joined."""
    LOG.expected = n
    result = local_data.main(n)
    not_joined = [thread.name for thread in LOG.started if thread not in LOG.joined]
    LOG.all_started.set()
    for thread in LOG.started:
        thread.join(helpers.seconds())
    return {
        "result": plain(result),
        "caller": threading.current_thread().name,
        "started": len(LOG.started),
        "not_joined": not_joined,
    }


# --- helpers (pytest side) ----------------------------------------------------------------------


def assert_threads_ran(seen):
    """Fail with the exception a thread raised, or with the names of threads that never ended."""
    errors = seen["errors"]
    real = {name: error for name, error in errors.items() if not error.startswith("BrokenBarrier")}
    if errors:
        name, error = min((real or errors).items())
        pytest.fail(M.THREAD_RAISED.format(name=name, error=error), pytrace=False)
    assert not seen["running"], M.THREADS_STUCK.format(names=seen["running"])


def owner_of(value, n):
    """Who set `value` in run_threads_together: "the calling thread", "thread-i", or None."""
    if value == CALLER_INDEX:
        return "the calling thread"
    if type(value) is int and 1 <= value <= n:
        return f"thread-{value - 1}"
    return None


# --- tests --------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", WHERE)
def test_new_store_reads_none(judge, where):
    """read_index on a store in which the thread has set nothing returns None."""
    seen = judge.run(read_new_store, where)
    assert_threads_ran(seen)
    where_text = f"in the {where} on a new store"
    assert seen["value"] is None, M.UNSET_NOT_NONE.format(seen=seen["value"], where=where_text)


@pytest.mark.parametrize(
    "indexes, expected",
    [
        pytest.param([3], [(None, 3)], id="first-set"),
        pytest.param([3, 8], [(None, 3), (3, 8)], id="second-set"),
        pytest.param([0, 0, 5], [(None, 0), (0, 0), (0, 5)], id="zero"),
    ],
)
def test_set_local_data_returns_before_and_after(judge, indexes, expected):
    """set_local_data(store, index) returns (this thread's index before, after: index)."""
    returned = judge.run(set_in_turn, indexes)
    for index, got, wanted in zip(indexes, returned, expected):
        assert got == wanted, M.SET_RETURNED.format(index=index, got=got, expected=wanted)


@pytest.mark.parametrize("n", THREAD_COUNTS)
def test_each_thread_sees_only_its_own_value(judge, n):
    """Once every thread has set its own index, each thread reads back its own, no other."""
    seen = judge.run(run_threads_together, n)
    assert_threads_ran(seen)
    for i in range(n):
        name, own = f"thread-{i}", i + 1
        _, last = seen["threads"][name]
        owner = owner_of(last, n)
        whose = f" (the value {owner} set)" if owner and last != own else ""
        assert last == own, M.SEES_OTHERS_VALUE.format(name=name, own=own, seen=last, whose=whose)


@pytest.mark.parametrize("n", THREAD_COUNTS)
def test_new_thread_sees_nothing_before_it_sets(judge, n):
    """A thread that has set nothing reads None, even after other threads have set theirs."""
    seen = judge.run(run_threads_together, n)
    assert_threads_ran(seen)
    for i in range(n):
        name = f"thread-{i}"
        first, _ = seen["threads"][name]
        owner = owner_of(first, n)
        if owner:
            message = M.NEW_THREAD_SAW_VALUE.format(name=name, seen=first, owner=owner)
            pytest.fail(message, pytrace=False)
        where = f"in thread {name!r} before it had set anything"
        assert first is None, M.UNSET_NOT_NONE.format(seen=first, where=where)


@pytest.mark.parametrize("n", THREAD_COUNTS)
def test_calling_thread_keeps_its_own_value(judge, n):
    """The thread that set first still reads its own index after other threads set theirs."""
    seen = judge.run(run_threads_together, n)
    assert_threads_ran(seen)
    assert seen["caller"] == CALLER_INDEX, M.CALLER_LOST_VALUE.format(
        own=CALLER_INDEX, n=n, seen=seen["caller"]
    )


def test_threads_of_the_same_name_keep_their_own_values(judge):
    """Two live threads of the same name each read back their own value, not the other's."""
    seen = judge.run(run_twins)
    assert_threads_ran(seen)
    for own, (_, last) in zip(TWIN_INDEXES, seen["reads"]):
        whose = " (the value the other thread named 'twin' set)" if last in TWIN_INDEXES else ""
        assert last == own, M.SEES_OTHERS_VALUE.format(name="twin", own=own, seen=last, whose=whose)


@pytest.mark.parametrize("where", WHERE)
def test_two_stores_are_independent(judge, where):
    """In one thread, two stores from make_store() keep their own values."""
    seen = judge.run(run_two_stores, where)
    assert_threads_ran(seen)
    second_before, first, second = seen["reads"]
    in_where = f"in the {where}"
    if second_before == 1:
        what = "after set_local_data(first, 1), read_index(second) returned 1; expected None"
        pytest.fail(M.STORES_SHARED.format(where=in_where, what=what), pytrace=False)
    assert second_before is None, M.UNSET_NOT_NONE.format(
        seen=second_before, where=f"{in_where} on a second store"
    )
    what = f"after set_local_data(second, 2), read_index(first) returned {first!r}; expected 1"
    assert first == 1, M.STORES_SHARED.format(where=in_where, what=what)
    what = f"after set_local_data(second, 2), read_index(second) returned {second!r}; expected 2"
    assert second == 2, M.STORES_SHARED.format(where=in_where, what=what)


def test_thread_started_after_another_finished_sees_nothing(judge):
    """A thread started after another has finished reads None, even when it gets its ident."""
    seen = judge.run(run_after_a_finished_thread)
    assert_threads_ran(seen)
    for name, same_ident, first in seen["seen"]:
        if first == FIRST_INDEX:
            ident = seen["first_ident"]
            note = f" (both got threading.get_ident() == {ident})" if same_ident else ""
            message = M.LATER_THREAD_SAW_VALUE.format(
                name=name, owner="thread-0", seen=first, ident_note=note
            )
            pytest.fail(message, pytrace=False)
        where = f"in thread {name!r}, started after thread-0 had set {FIRST_INDEX} and finished"
        assert first is None, M.UNSET_NOT_NONE.format(seen=first, where=where)


@pytest.mark.parametrize(
    "n", [pytest.param(1, id="one"), pytest.param(5, id="five"), pytest.param(8, id="eight")]
)
def test_main_returns_each_threads_before_and_after(judge, n):
    """main(n) returns {name: (before, after)}: caller (None, 0), thread-i (None, i + 1)."""
    seen = judge.run(run_main, n, stuck=M.MAIN_STUCK, prepare=record_threads)
    result, caller = seen["result"], seen["caller"]
    assert isinstance(result, dict), M.MAIN_NOT_A_DICT.format(n=n, got=result)
    names = [f"thread-{i}" for i in range(n)]
    expected_names = sorted([caller, *names])
    got_names = sorted(map(str, result))
    assert got_names == expected_names, M.MAIN_NAMES.format(
        n=n, got=got_names, expected=expected_names
    )
    for i, name in enumerate(names):
        wanted = (None, i + 1)
        assert result[name] == wanted, M.MAIN_THREAD_ENTRY.format(
            n=n, name=name, got=result[name], expected=wanted
        )
    # The caller's `before` may be read before it sets 0 (None) or after (0): both are right.
    assert result[caller] in ((None, 0), (0, 0)), M.MAIN_CALLER_ENTRY.format(
        n=n, name=caller, got=result[caller]
    )


def test_main_files_the_callers_entry_under_its_own_name(judge):
    """main's entry for the calling thread is under that thread's name, whichever calls it."""
    n, caller = 3, "caller"
    seen = judge.run(run_main_from, n, caller, stuck=M.MAIN_STUCK, prepare=record_threads)
    result = seen["result"]
    assert isinstance(result, dict), M.MAIN_NOT_A_DICT.format(n=n, got=result)
    got = sorted(map(str, result))
    assert caller in result, M.CALLER_NOT_BY_NAME.format(n=n, caller=caller, got=got)


@pytest.mark.parametrize("n", [pytest.param(1, id="one"), pytest.param(5, id="five")])
def test_main_starts_a_thread_for_each_index(judge, n):
    """main(n) starts n threads (start(): run() would run the target in the calling thread)."""
    seen = judge.run(run_main, n, stuck=M.MAIN_STUCK, prepare=record_threads)
    assert seen["started"] >= n, M.MAIN_STARTED_TOO_FEW.format(n=n, started=seen["started"])


@pytest.mark.parametrize("n", [pytest.param(2, id="two"), pytest.param(5, id="five")])
def test_main_joins_every_thread_it_starts(judge, n):
    """Every thread main starts has been joined when main returns."""
    seen = judge.run(run_main, n, stuck=M.MAIN_STUCK, prepare=record_threads)
    assert not seen["not_joined"], M.NOT_JOINED.format(names=seen["not_joined"])


def test_script_runs_its_demo(judge):
    """The file defines its API, and `python local_data.py` runs any demo it has to the end."""
    judge.check_api("make_store", "read_index", "set_local_data", "main")
    judge.run_demo()
