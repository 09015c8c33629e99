"""The instruments library: each instrument records what happened, and behaves as the real
object it stands in for. Threads are ordered with events and the MONITOR, never with sleep."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from katakit.instruments import (
    MONITOR,
    RecordingBoundedSemaphore,
    RecordingCondition,
    RecordingSemaphore,
    RecordingThread,
    Runner,
    SelfDeadlock,
    TrackedLock,
    finish_others,
    is_reentrant,
    plain,
    processes,
    semaphores,
    threads,
)
from katakit.judge import Judge, Target


@pytest.fixture(autouse=True)
def fresh_records(monkeypatch):
    """Each test gets empty records, and the threading module back as it was."""
    monkeypatch.setattr(threads, "THREADS", threads.ThreadLog())
    threads.THREADS.all_started.set()
    monkeypatch.setattr(semaphores, "SEMAPHORES", [])
    for recording in (RecordingSemaphore, RecordingBoundedSemaphore):
        monkeypatch.setattr(recording, "refuse_timed", False)
    for name in ("Thread", "Semaphore", "BoundedSemaphore"):
        monkeypatch.setattr(threading, name, getattr(threading, name))
    monkeypatch.setattr(processes, "PROCESS_EVENTS", [])
    monkeypatch.setattr(processes, "CONTEXT_QUEUES", [])


def in_thread(target, *args, name="other"):
    """Run target(*args) in a thread and join it; what it returned."""
    runner = Runner(catch=False)
    runner.start(name, target, *args)
    assert not runner.join()
    return runner.results[name]


# --- plain values ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, None, id="none"),
        pytest.param(True, True, id="bool"),
        pytest.param(3, 3, id="int"),
        pytest.param("x", "x", id="str"),
        pytest.param(3.0, "3.0", id="float"),
        pytest.param([1, (2, None)], (1, (2, None)), id="list"),
        pytest.param({"a": [1]}, {"a": (1,)}, id="dict"),
        pytest.param(object, repr(object), id="other"),
    ],
)
def test_plain_keeps_plain_values_and_reprs_the_rest(value, expected):
    """plain() keeps None, bools, ints and strings, makes sequences tuples, and reprs the rest
    (a float too: 3.0 must not pass for the int 3)."""
    assert plain(value) == expected


# --- the monitor ----------------------------------------------------------------------------------


def test_monitor_wakes_a_waiter_when_its_state_holds():
    """MONITOR.wait_until returns True once another thread's change makes its predicate hold."""
    box = []
    runner = Runner()
    runner.start("changer", lambda: MONITOR.wait_until(lambda: True) and box.append(1))
    assert MONITOR.wait_until(lambda: box == [1])
    assert not MONITOR.wait_until(lambda: box == [2], timeout=0)


# --- locks ----------------------------------------------------------------------------------------


def test_tracked_lock_knows_holder_depth_and_holds():
    """A TrackedLock knows who holds it, how deep, and numbers each outermost hold."""
    lock = TrackedLock(threading.RLock())
    assert lock.hold() is None and not lock.locked()
    with lock:
        first = lock.hold()
        with lock:
            assert (lock.my_depth(), lock.hold()) == (2, first)
        assert in_thread(lock.my_depth) == 0, "another thread holds nothing"
    with lock:
        assert lock.hold() == first + 1
    assert lock.my_depth() == 0 and lock.holder is None


def test_tracked_lock_counts_refused_and_blocked_acquires():
    """A refused acquire is counted at once, a blocked one while it waits."""
    lock = TrackedLock(threading.Lock())
    lock.acquire()
    assert in_thread(lock.acquire, False) is False
    assert lock.refused == 1
    runner = Runner()
    runner.start("waiter", lock.acquire)
    assert MONITOR.wait_until(lambda: lock.blocked == 1)
    lock.release()
    assert not runner.join() and runner.results["waiter"] is True and lock.blocked == 0
    assert lock.holder is runner.threads[0]


def test_tracked_lock_refuses_timed_acquires_when_told():
    """With refuse_timed, an acquire with a timeout that would wait returns False at once."""
    lock = TrackedLock()
    lock.acquire()
    lock.refuse_timed = True
    assert in_thread(lock.acquire, True, 60) is False
    lock.release()


def test_tracked_lock_stands_in_for_a_plain_lock_observably():
    """With reentrant=False, its holder's second acquire fails, or raises SelfDeadlock."""
    lock = TrackedLock(threading.RLock(), reentrant=False)
    with lock:
        assert lock.acquire(blocking=False) is False
        with pytest.raises(SelfDeadlock):
            lock.acquire()
    assert not is_reentrant(lock) and is_reentrant(TrackedLock())


def test_tracked_lock_release_by_a_stranger_raises_and_changes_nothing():
    """Releasing an RLock another thread holds raises, and the holder still holds it."""
    lock = TrackedLock()
    lock.acquire()
    runner = Runner()
    runner.start("stranger", lock.release)
    assert not runner.join() and runner.errors["stranger"].startswith("RuntimeError")
    assert lock.held_by_me() and lock.my_depth() == 1
    lock.release()


def test_recording_condition_counts_waiters_and_wake_ups_in_flight():
    """A RecordingCondition knows its sleepers and its pending wake-ups, and each wait's timeout."""
    condition = RecordingCondition()
    woken = threading.Event()

    def waiter():
        with condition:
            condition.wait_for(woken.is_set, 60)

    runner = Runner(catch=False)
    runner.start("waiter", waiter)
    assert MONITOR.wait_until(lambda: condition.waiting == 1)
    with condition:
        woken.set()
        condition.notify()
        assert condition.pending == 1
    assert not runner.join()
    assert (condition.waiting, condition.pending) == (0, 0)
    assert condition.timeouts["waiter"][0] == pytest.approx(60, abs=1)
    with condition:
        assert condition.held_by_me() and condition.lock.my_depth() == 1
        condition.notifyAll()
    assert condition.deprecated_calls == 1


class HeldBeforeTakingBack(TrackedLock):
    """A TrackedLock that holds the thread named 'late' in a Condition's wait, after its wait
    has ended and before it takes the lock back, until `resume` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.held = threading.Event()
        self.resume = threading.Event()

    def _acquire_restore(self, state: tuple) -> None:
        if threading.current_thread().name == "late":
            self.held.set()
            self.resume.wait(60)
        super()._acquire_restore(state)


def test_recording_condition_counts_no_wake_up_taken_by_a_wait_that_timed_out():
    """A notify() that takes the waiter of a wait(0) already timed out wakes nobody else: no
    wake-up is pending once that wait has returned."""
    lock = HeldBeforeTakingBack()
    condition = RecordingCondition(lock)
    runner = Runner(catch=False)
    late: list[bool] = []

    def sleeper():
        with condition:
            condition.wait()

    def wait_zero():
        with condition:
            returned = condition.wait(0)
        with MONITOR.changing():
            late.append(returned)

    runner.start("late", wait_zero)
    assert lock.held.wait(60)
    runner.start("sleeper", sleeper)
    assert MONITOR.wait_until(lambda: condition.waiting == 2)
    with condition:
        condition.notify()  # takes late's waiter, first in line: the sleeper sleeps on
    lock.resume.set()
    assert MONITOR.wait_until(lambda: late)
    assert late == [False]
    assert (condition.waiting, condition.pending) == (1, 0)
    with condition:
        condition.notify()
    assert not runner.join()
    assert (condition.waiting, condition.pending) == (0, 0)


# --- semaphores -----------------------------------------------------------------------------------


def test_recording_semaphore_knows_waiters_and_holders():
    """A recording semaphore records who waits for a slot, who holds one, and every acquire."""
    semaphore = RecordingSemaphore(1)
    semaphore.acquire()
    runner = Runner()
    runner.start("second", semaphore.acquire)
    assert MONITOR.wait_until(lambda: semaphore.waiting == ["second"])
    assert semaphores.holds_a_slot("MainThread")
    semaphore.release()
    assert not runner.join()
    assert semaphore.acquirers == ["MainThread", "second"] and semaphore.held == ["second"]
    assert semaphores.ever_slotted(runner.threads[0]) and semaphore.taken == 1
    assert semaphores.SEMAPHORES == [semaphore]


def test_recording_semaphores_stand_in_for_the_real_ones():
    """After record_semaphores, threading's semaphores record, the bounded one still bounded."""
    semaphores.record_semaphores()
    bounded = threading.BoundedSemaphore(1)
    assert isinstance(bounded, RecordingBoundedSemaphore) and bounded.slots == 1
    with pytest.raises(ValueError):
        bounded.release()
    assert isinstance(threading.Semaphore(2), RecordingSemaphore)


def test_recording_semaphore_refuses_timed_acquires_when_told():
    """With refuse_timed, a timed acquire that would wait returns False at once, and the thread
    is known as refused until its next acquire."""
    semaphores.record_semaphores(refuse_timed=True)
    semaphore = in_thread(threading.Semaphore, 1, name="maker")
    assert semaphore.maker == "maker" and semaphore.acquire(timeout=60)
    assert in_thread(semaphore.acquire, True, 60) is False and semaphores.was_refused("other")
    semaphore.release()
    assert in_thread(semaphore.acquire, True, 60) is True and not semaphores.was_refused("other")


# --- threads --------------------------------------------------------------------------------------


def test_runner_keeps_what_each_thread_returned_or_raised():
    """A Runner keeps each thread's result, and its exception as an observation."""
    runner = Runner()
    runner.start("fine", lambda: 7)
    runner.start("bad", lambda: 1 / 0)
    assert not runner.join()
    assert runner.results == {"fine": 7} and runner.errors["bad"].startswith("ZeroDivisionError")
    assert all(thread.daemon for thread in runner.threads)


def test_runner_without_catch_lets_the_exception_escape(monkeypatch):
    """Runner(catch=False): the exception escapes the thread (the judge's excepthook sees it)."""
    seen = []
    monkeypatch.setattr(threading, "excepthook", lambda args: seen.append(args.exc_type))
    runner = Runner(catch=False)
    runner.start("bad", lambda: 1 / 0)
    assert not runner.join()
    assert seen == [ZeroDivisionError]


def test_recording_threads_record_start_and_join():
    """Threads made through threading.Thread after record_threads record start and join."""
    threads.record_threads()
    made = [threading.Thread(target=lambda: None, name=f"t{i}") for i in range(2)]
    for thread in made:
        thread.start()
    made[0].join()
    assert isinstance(made[0], RecordingThread)
    assert threads.THREADS.started == made and threads.THREADS.joined == [made[0]]
    made[1].join()
    assert not threads.THREADS.not_joined()


def test_recording_threads_count_a_thread_seen_ended_as_joined():
    """A recorded thread whose is_alive() the caller saw False counts as joined, as a loop of
    join(timeout) until it is not alive joins it; one seen alive does not."""
    threads.record_threads()
    go = threading.Event()
    thread = threading.Thread(target=go.wait, name="t")
    thread.start()
    assert thread.is_alive() and threads.THREADS.not_joined() == [thread]
    go.set()
    threads.THREAD.join(thread)  # the real join, which records nothing
    assert threads.THREADS.not_joined() == [thread]
    assert not thread.is_alive()
    assert not threads.THREADS.not_joined()


def test_recording_threads_can_be_held_until_all_have_started():
    """With hold_until(n), no recorded thread runs until n have started."""
    threads.THREADS.hold_until(2)
    ran = []
    first = RecordingThread(target=lambda: ran.append(1))
    first.start()
    assert not MONITOR.wait_until(lambda: ran, timeout=0) and first.is_alive()
    RecordingThread(target=lambda: ran.append(2)).start()
    assert not finish_others()
    assert sorted(ran) == [1, 2]


def test_recording_threads_count_the_threads_started_when_the_code_first_joins_one():
    """THREADS.started_at_first_join(among) is how many threads of interest had started at the
    first join() (or is_alive() that saw it ended) of one of them, and stays so; a thread of no
    interest, joined first, counts for nothing."""
    workers = set()
    assert threads.THREADS.started_at_first_join(workers.__contains__) is None
    helper, first, second = (RecordingThread(target=lambda: None) for _ in range(3))
    workers.update((first, second))
    helper.start()
    first.start()
    helper.join()
    first.join()
    second.start()
    while second.is_alive():
        second.join(0.01)
    assert threads.THREADS.started_at_first_join(workers.__contains__) == 1
    assert threads.THREADS.started_at_first_join(lambda thread: True) == 2
    assert threads.THREADS.started_at_first_join(workers.__contains__, joins=1) is None


# --- processes ------------------------------------------------------------------------------------


def put_one(queue):
    queue.put(1)


def in_a_child(scenario, *args, deadline=2.0):
    """`scenario(module, *args)` run in a judge's child: a process with one thread, where
    forking is safe (this one may have more: pytest-xdist's)."""
    return Judge(Target("json", Path(json.__file__).parent)).run(scenario, *args, deadline=deadline)


def record_a_context(_):
    context = processes.RecordingContext("fork")
    queue = context.SimpleQueue()
    process = context.Process(target=put_one, args=(queue,), name="p")
    process.start()
    got = queue.get()
    process.join()
    foreign = multiprocessing.get_context("fork").SimpleQueue()
    try:
        context.Process(target=put_one, args=(foreign,), name="q").start()
        refused = False
    except processes.QueueNotFromContext:
        refused = True
    targets = [(name, target.__name__) for name, target in processes.TARGETS]
    return got, [event[:2] for event in processes.PROCESS_EVENTS], targets, refused


def test_recording_context_records_starts_targets_and_joins_and_refuses_foreign_queues():
    """A RecordingContext's processes record start (with their target) and join, and refuse a
    queue it did not make."""
    got, events, targets, refused = in_a_child(record_a_context)
    assert got == 1 and events == [("start", "p"), ("join", "p")]
    assert targets == [("p", "put_one")]
    assert refused


def close_after_the_join(_):
    context = processes.RecordingContext("fork")
    process = context.Process(target=int, name="p")
    process.start()
    pid = process.pid
    process.join()
    process.close()
    processes.let_go()
    return pid, processes.pid_of(process), processes.closed(process), processes.exit_code(process)


def test_a_process_the_code_closed_keeps_its_pid_and_forgets_its_exit_code():
    """A recorded process that the code joined and then closed (Process.close()) still gives
    the pid it was started with; its exit code reads as unknown, and letting every process go
    passes over it."""
    pid, kept, closed, code = in_a_child(close_after_the_join)
    assert kept == pid and closed and code is None


def join_before_the_end(_):
    context = processes.RecordingContext("fork")
    go = context.Event()
    process = context.Process(target=go.wait, name="p")
    process.start()
    process.join(0)  # returns at once: the process waits for `go`
    go.set()
    process.join()
    return processes.PROCESS_EVENTS


def test_recording_context_records_a_join_that_timed_out():
    """A join(timeout) that returns while its process runs is recorded as timed out, with its
    timeout; the join that sees the process end, as a join."""
    events = in_a_child(join_before_the_end)
    assert events == [("start", "p", "fork"), ("join-timed-out", "p", 0), ("join", "p", 0)]


def join_with_a_timeout_after_the_report(_):
    context = processes.RecordingContext("fork")
    queue = context.Queue()
    process = context.Process(target=put_one, args=(queue,), name="p")
    process.start()
    got = queue.get()
    process.join(timeout=3600)  # returns at once: the process is held at its exit
    process.join(timeout=3600)
    alive = process.is_alive()  # alive, as it was seen; then let go
    process.join()
    return got, alive, processes.PROCESS_EVENTS


def test_a_recording_context_holds_a_process_at_its_exit_until_main_waits_or_looks():
    """A RecordingContext's process that has done its work waits at its exit: a join(timeout)
    returns at once, recorded as timed out, however long its timeout; a look at is_alive() says
    alive and lets it go; a join() then sees it end."""
    got, alive, events = in_a_child(join_with_a_timeout_after_the_report)
    assert (got, alive) == (1, True)
    assert events[1:] == [("join-timed-out", "p", 3600)] * 2 + [("join", "p", 0)]


def put_late(queue, name):
    """Puts `name` a little later than `put_now` would: without turns, after it."""
    import time

    time.sleep(0.05)  # blocked-wait: only gives a later process the chance to put first
    queue.put(name)


def put_now(queue, name):
    queue.put(name)


def puts_of_a_slow_first_process(_, method):
    context = processes.RecordingContext(method)
    queue = context.Queue()
    targets = [put_late, put_now, put_now]
    started = [context.Process(target=t, args=(queue, str(i))) for i, t in enumerate(targets)]
    for process in started:
        process.start()
    got = [queue.get() for _ in started]
    for process in started:
        process.join()
    return got


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_recording_contexts_processes_work_in_turn_in_the_order_started(method):
    """A RecordingContext's processes each begin once the one started before it is done: what
    they put arrives in start order, even when the first is slow."""
    assert in_a_child(puts_of_a_slow_first_process, method, deadline=30) == ["0", "1", "2"]


REPORTING = """\
import os
from typing import NamedTuple


class Report(NamedTuple):
    how: str
    pid: int


def put(channel):
    channel.put(Report("put", os.getpid()))


def send(channel):
    channel.send(Report("sent", os.getpid()))
"""


def reports_sent_back(module, method):
    """Reports that children of a RecordingContext(stamp="Report") put on its queue, send down a
    pipe and put on a manager's queue, then one made here: for each, its class name, whether it
    equals the plain Report of its fields, and whether the child that made it stamped it."""
    context = processes.RecordingContext(method, stamp="Report")
    queue = context.Queue()
    reader, writer = context.Pipe(duplex=False)
    with context.Manager() as manager:
        shared = manager.Queue()
        targets = [(module.put, queue), (module.send, writer), (module.put, shared)]
        started = [context.Process(target=t, args=(channel,)) for t, channel in targets]
        for process in started:
            process.start()
        got = [queue.get(), reader.recv(), shared.get()]
        for process in started:
            process.join()
    got.append(module.Report("made", os.getpid()))
    return [
        (type(r).__name__, r == module.Report(*r), getattr(r, "kata_pickled_by", None) == r.pid)
        for r in got
    ]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_recording_contexts_children_stamp_what_they_pickle_of_the_class_named(method, tmp_path):
    """Reports that a RecordingContext's children send back through a queue, a pipe or a
    manager come back stamped with the pid of the child that made them; one made in the
    parent is not; each is still a Report equal to the plain one."""
    (tmp_path / "reporting.py").write_text(REPORTING)
    seen = Judge(Target("reporting", tmp_path)).run(reports_sent_back, method, deadline=30)
    assert seen == [("Report", True, True)] * 3 + [("Report", True, False)]


def looks_right_after_the_starts(_, method):
    context = processes.RecordingContext(method)
    queue = context.Queue()
    started = [context.Process(target=put_now, args=(queue, str(i))) for i in range(2)]
    for process in started:
        process.start()
    first = queue.empty()  # no process has begun: this look opens the gate
    got = [queue.get() for _ in started]
    for process in started:
        process.join()
    return first, got


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_recording_contexts_processes_begin_once_main_waits_or_looks(method):
    """A RecordingContext's processes begin only once main waits for a process or a queue, or
    looks at one: a look right after the starts finds the queue empty, every run, and the
    processes then do their work."""
    assert in_a_child(looks_right_after_the_starts, method, deadline=30) == (True, ["0", "1"])


def waits_on_a_pipe(_):
    context = processes.RecordingContext("fork")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=writer.send, args=("sent",))
    process.start()
    got = reader.recv()
    process.join()
    return got


def test_a_wait_on_a_connection_lets_a_recording_contexts_processes_begin():
    """main waiting on a Pipe (or a Manager's proxy) lets the processes begin, as a wait on a
    queue or a process does."""
    assert in_a_child(waits_on_a_pipe) == "sent"


def timed_gets(_):
    import queue as std_queue

    context = processes.RecordingContext("fork")
    queue = context.Queue()
    process = context.Process(target=put_late, args=(queue, "late"))
    process.start()
    got = queue.get(timeout=0.001)
    try:
        queue.get(timeout=3600)
    except std_queue.Empty:
        empty = True
    else:
        empty = False
    process.join()
    return got, empty


def test_a_get_with_a_timeout_waits_while_an_item_can_come_and_gives_up_once_none_can():
    """In a judge's child, a get(timeout) on a multiprocessing queue gets what a process puts
    later than its timeout, and raises queue.Empty at once, whatever its timeout, once nothing
    can put any more."""
    assert in_a_child(timed_gets) == ("late", True)


READING_UNTIL_EMPTY = """\
import queue


def read_until_empty(reports):
    got = []
    while True:
        try:
            got.append(reports.get(timeout=3600))
        except queue.Empty:
            return got
"""


def reads_until_empty(module):
    context = processes.RecordingContext("fork")
    queue = context.Queue()
    process = context.Process(target=put_late, args=(queue, "late"))
    process.start()
    got = module.read_until_empty(queue)
    process.join()
    return got, processes.timed_out_gets()


def test_a_get_with_a_timeout_given_up_is_kept_with_the_line_that_made_it(tmp_path):
    """Each get(timeout) the watch ends with queue.Empty, as nothing can come, is kept with the
    student's line that made it and its code; one that got an item is not."""
    (tmp_path / "reading.py").write_text(READING_UNTIL_EMPTY)
    seen = Judge(Target("reading", tmp_path)).run(reads_until_empty, deadline=30)
    assert seen == (["late"], ["reading.py:8 `got.append(reports.get(timeout=3600))`"])


def start_in_reverse(_):
    context = processes.ReversedContext(3)
    queue = context.SimpleQueue()
    made = [context.Process(target=processes.put_ids, args=(queue,)) for _ in range(3)]
    held = []
    for process in made[:2]:
        process.start()
        held.append(process._popen is None)  # not started (its pid would start it)
    made[2].start()
    arrived = [queue.get()[1] for _ in made]
    for process in made:
        process.join()
    return held, arrived, [p.pid for p in reversed(made)], [p.exitcode for p in made]


def test_reversed_context_starts_processes_in_reverse_order():
    """A ReversedContext starts its n processes in reverse, each after the previous exited."""
    held, arrived, reversed_pids, exitcodes = in_a_child(start_in_reverse)
    assert held == [True, True], "held back until the last start"
    assert arrived == reversed_pids and exitcodes == [0, 0, 0]


def test_import_as_library_refuses_starts_until_allowed(monkeypatch):
    """import_as_library names the process MainProcess and refuses starts; allow_starts undoes it."""
    base = multiprocessing.process.BaseProcess
    monkeypatch.setattr(base, "start", base.start)
    name = multiprocessing.current_process().name
    processes.import_as_library("{name} started at import")
    assert multiprocessing.current_process().name == "MainProcess"
    with pytest.raises(processes.StartedAtImport, match="p started at import"):
        multiprocessing.get_context("fork").Process(target=put_one, name="p").start()
    processes.allow_starts()
    assert multiprocessing.current_process().name == name
    assert multiprocessing.process.BaseProcess.start is processes._REAL_START


def record_a_class(_):
    cls = type("Worker", (multiprocessing.get_context("fork").Process,), {})
    processes.record_in_place(cls)
    queue = multiprocessing.get_context("fork").SimpleQueue()
    process = cls(target=put_one, args=(queue,), name="w")
    process.start()
    process.join()
    return [event[:2] for event in processes.PROCESS_EVENTS]


def test_record_in_place_records_a_process_class_however_it_is_reached():
    """record_in_place makes a Process class itself record its start and join."""
    assert in_a_child(record_a_class) == [("start", "w"), ("join", "w")]



def join_before_reading(_, method, kind):
    context = processes.RecordingContext(method)
    queue = getattr(context, kind)()
    early = context.Process(target=processes.put_ids, args=(queue,), name="early")
    early.start()
    early.join()
    got = [queue.get()[1] == early.pid]
    late = context.Process(target=processes.put_ids, args=(queue,), name="late")
    late.start()
    got.append(queue.get()[1] == late.pid)
    late.join()
    return got, list(processes.PROCESS_EVENTS)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("kind", ["Queue", "SimpleQueue"])
def test_recording_context_knows_a_join_before_the_reads(method, kind):
    """A RecordingContext's queues deliver the items put as they were; a join that returns while
    what that process put is unread is an "unread" event, and one after the reads is not."""
    # Spawned children start slowly on a busy machine: the deadline of the katas' process tests.
    got, events = in_a_child(join_before_reading, method, kind, deadline=8.0)
    assert got == [True, True]
    assert [e for e in events if e[0] == "unread"] == [("unread", "early", 1)]
    assert [e[2] for e in events if e[0] == "start"] == [method, method]


def join_each_held(_):
    context = processes.ReversedContext(3)
    queue = context.SimpleQueue()
    made = [context.Process(target=put_one, args=(queue,)) for _ in range(3)]
    for process in made:
        process.start()
        process.join()
    return [p.exitcode for p in made], [queue.get() for _ in made]


def test_reversed_context_starts_the_held_processes_when_one_is_joined():
    """Joining a process a ReversedContext holds back starts the ones held, and the join works."""
    assert in_a_child(join_each_held) == ([0, 0, 0], [1, 1, 1])


def look_at_each_held(_, attribute):
    context = processes.ReversedContext(3)
    queue = context.SimpleQueue()
    made = [context.Process(target=put_one, args=(queue,)) for _ in range(3)]
    seen = []
    for process in made:
        process.start()
        seen.append(getattr(process, attribute) is not None)
    for process in made:
        process.join()
    return seen, [p.exitcode for p in made], [queue.get() for _ in made]


@pytest.mark.parametrize("attribute", ["pid", "ident", "sentinel"])
def test_reversed_context_starts_the_held_processes_when_one_is_looked_at(attribute):
    """Reading the pid, ident or sentinel of a process a ReversedContext holds back, which a
    started process has, starts the ones held first."""
    assert in_a_child(look_at_each_held, attribute) == ([True] * 3, [0, 0, 0], [1, 1, 1])


NAPPER = """\
import functools, threading, time
from time import sleep as nap
KEPT = (time.sleep,)
LATER = functools.partial(time.sleep, 0.5)


def naps():
    nap(0)


def sleeps():
    time.sleep(0.5)  # blocked-wait: refused before it waits, as every sleep of this module


def sleeps_through_what_it_kept():
    KEPT[0](0.5)


def sleeps_later():
    LATER()


def waits_for_nothing():
    threading.Event().wait(0.5)


def waits_on_a_condition():
    condition = threading.Condition()
    with condition:
        condition.wait(0.5)
"""


@pytest.mark.parametrize(
    "function, call, seconds, line",
    [
        pytest.param("sleeps", "time.sleep", 0.5, 12, id="time-sleep"),
        pytest.param("naps", "time.sleep", 0, 8, id="an-alias"),
        pytest.param("sleeps_through_what_it_kept", "time.sleep", 0.5, 16, id="kept-in-a-tuple"),
        pytest.param("sleeps_later", "time.sleep", 0.5, 20, id="a-partial"),
        pytest.param("waits_for_nothing", "Event.wait", 0.5, 24, id="event-wait"),
        pytest.param("waits_on_a_condition", "Condition.wait", 0.5, 30, id="condition-wait"),
    ],
)
def test_refusing_sleep_refuses_the_modules_own_sleeps_only(
    tmp_path, monkeypatch, function, call, seconds, line
):
    """Once refuse_sleeps has run before the module's import, refusing_sleep makes every sleep of
    the module's own code raise Slept, however it reached time.sleep, and a timed wait on an Event
    or a Condition too (each refused before it waits); only there and only within."""
    for owner, name in ((time, "sleep"), (threading.Event, "wait"), (threading.Condition, "wait")):
        monkeypatch.setattr(owner, name, getattr(owner, name))  # put back after the test
    processes.refuse_sleeps()
    (tmp_path / "napper.py").write_text(NAPPER)
    monkeypatch.syspath_prepend(tmp_path)
    monkeypatch.delitem(sys.modules, "napper", raising=False)
    import napper

    with processes.refusing_sleep(napper):
        with pytest.raises(processes.Slept) as slept:
            getattr(napper, function)()
        assert (slept.value.call, slept.value.seconds, slept.value.line) == (call, seconds, line)
        time.sleep(0)  # blocked-wait: the test's own sleep, outside the module, is not refused
        assert not threading.Event().wait(0)
    assert napper.nap(0) is None  # outside refusing_sleep, the module sleeps as usual
