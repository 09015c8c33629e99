"""Kata 08's instruments (katakit.instruments.shared_values): a lab of shared values and locks
that logs every read and write, from any process, with the holds it fell in."""

from __future__ import annotations

import functools
import json
import multiprocessing
import threading
from pathlib import Path

import pytest

from katakit.instruments import SelfDeadlock, processes, shared_values
from katakit.judge import Judge, Target


@pytest.fixture(autouse=True)
def fresh_events(monkeypatch):
    monkeypatch.setattr(processes, "PROCESS_EVENTS", [])


#: Seconds a scenario may go without starting or joining a process. Its waits for a process to
#: be ready count no progress, and a spawned one takes seconds to get there on a machine loaded
#: four times over: only a lock never handed on comes near this.
SCENARIO_DEADLINE = 30.0


def in_a_child(scenario, *args):
    """`scenario(module, *args)` run in a judge's child: a process with one thread, where
    forking is safe (this one may have more: pytest-xdist's)."""
    judge = Judge(Target("json", Path(json.__file__).parent))
    return judge.run(scenario, *args, deadline=SCENARIO_DEADLINE)


def holds(entry):
    return entry[-1]


def test_lab_numbers_each_hold_and_marks_those_a_value_took_itself():
    """A read and its write under `with lock:` share a hold; `+=` alone takes the value's own
    lock twice, and those holds are marked as the value's own."""
    lab = shared_values.Lab()
    counter, lock = lab.value("i", 5), lab.lock()
    with lock:
        counter.value += 1
    counter.value += 1
    read, write, bare_read, bare_write = lab.entries()
    assert (read[0], read[2], write[0], write[2]) == ("read", 5, "write", 6)
    own, mine = counter.get_lock().id, lock.id
    assert holds(read) == ((own, 1, True), (mine, 1, False))
    assert holds(write) == ((own, 2, True), (mine, 1, False))
    assert holds(bare_read) == ((own, 3, True),) and holds(bare_write) == ((own, 4, True),)
    found = {entry["id"]: entry for entry in lab.locks()}
    assert found[mine]["taken"] == 1 and found[own]["taken"] == 0
    assert not found[own]["held"]
    assert counter.stored == 7 and lab.values_made() == 1
    assert processes.PROCESS_EVENTS[0] == ("read", f"value {counter.id}", 5)


def test_raw_values_and_get_obj_take_no_lock():
    """A value made with lock=False, and get_obj() of a synchronized one, log accesses in no hold."""
    lab = shared_values.Lab()
    raw = lab.value("i", 0, lock=False)
    raw.value += 1
    lab.value("i", 0).get_obj().value = 3
    assert [holds(entry) for entry in lab.entries()] == [(), (), ()]
    assert not hasattr(raw, "get_lock")


def add_under_lock(counter, lock, times):
    for _ in range(times):
        with lock:
            counter.value += 1


def increment_in_children(_, method):
    context = shared_values.CounterContext(method)
    counter, lock = context.Value("i", 0), context.Lock()
    children = [context.Process(target=add_under_lock, args=(counter, lock, 3)) for _ in range(2)]
    for child in children:
        child.start()
    for child in children:
        child.join()
    return context.lab.entries(), [child.pid for child in children], context.lab.locks(), lock.id


def test_lab_logs_the_accesses_of_every_process_with_their_holds():
    """Children's reads and writes reach the log, each pair under one hold of the shared lock."""
    log, pids, locks, mine = in_a_child(increment_in_children, "fork")
    assert sorted({entry[3] for entry in log}) == sorted(pids)
    numbers = [dict((lock, n) for lock, n, _ in holds(entry))[mine] for entry in log]
    assert numbers == [n for n in range(1, 7) for _ in "rw"]
    assert [entry[2] for entry in log if entry[0] == "write"] == list(range(1, 7))
    assert locks[mine]["taken"] == 6


def test_probe_locks_behave_as_multiprocessing_locks_observably():
    """A plain lab lock taken again by its holder raises SelfDeadlock (or refuses a non-blocking
    or timed acquire); a re-entrant one nests and is free once released as often."""
    lab = shared_values.Lab()
    lock, rlock = lab.lock(), lab.lock(reentrant=True)
    with lock:
        with pytest.raises(SelfDeadlock):
            lock.acquire()
        assert lock.acquire(False) is False and lock.acquire(timeout=5) is False
    with pytest.raises(ValueError):
        lock.release()
    with rlock, rlock:
        assert [found["held"] for found in lab.locks()] == [False, True]
    assert [found["held"] for found in lab.locks()] == [False, False]


def increment_in_one_hold(counter, lock):
    with lock:
        counter.value += 1


def increment_from_an_earlier_hold(counter, lock):
    with lock:
        snapshot = counter.value
    with lock:
        counter.value = max(counter.value, snapshot + 1)


@pytest.mark.parametrize(
    "increment, most, made, kept",
    [
        pytest.param(increment_in_one_hold, 10, 3, 3, id="read-and-write-in-one-hold"),
        pytest.param(increment_from_an_earlier_hold, 10, 6, 0, id="write-from-an-earlier-hold"),
        pytest.param(increment_from_an_earlier_hold, 2, 2, 2, id="at-most-two-increments"),
    ],
)
def test_an_interloper_increments_the_counter_as_its_lock_is_released(increment, most, made, kept):
    """Each of the first `most` releases of an Interloper is followed by one increment, not
    logged: kept by code that reads and writes in one hold, overwritten by code that writes what
    it read in an earlier one (of three increments, `kept` are the code's own)."""
    lab = shared_values.Lab()
    counter = lab.value("i", 0, lock=False)
    lock = shared_values.Interloper(lab.lock(), counter, most)
    for _ in range(3):
        increment(counter, lock)
    assert lock.made == made
    assert counter.stored == made + kept
    assert len([entry for entry in lab.entries() if entry[0] == "write"]) == 3
    assert [found["held"] for found in lab.locks()] == [False]


def test_a_lock_held_by_another_thread_is_refused_while_fenced():
    """While the lab is fenced, a timed acquire of a held lock is refused at once, and counted."""
    lab = shared_values.Lab()
    lock = lab.lock()
    lock.acquire()
    lab.fence(True)
    got = []
    thread = threading.Thread(target=lambda: got.append(lock.acquire(timeout=60)))
    thread.start()
    thread.join()
    assert got == [False] and lab.locks()[0]["refused"] == 1
    lock.release()


def add_while_held(_):
    lab = shared_values.Lab("fork")
    counter, lock = lab.value("i", 0, lock=False), lab.lock()
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    holder = context.Process(target=shared_values.hold_until_contended, args=(lock, lab, ready))
    holder.start()
    ready.wait()
    counter.value = -1  # not under the lock: while the holder holds it
    add_under_lock(counter, lock, 2)
    lab.done()
    holder.join()
    return [(entry[0], entry[5]) for entry in lab.entries()], lab.locks()[0], holder.exitcode


def test_hold_until_contended_holds_until_someone_waits_for_the_lock():
    """The holder keeps the lock, marking accesses as fenced, until another process blocks in
    acquire(); then it lets go and the waiter goes on."""
    log, lock, exitcode = in_a_child(add_while_held)
    assert log[0] == ("write", True)
    assert all(not fenced for _, fenced in log[1:]) and len(log) == 5
    assert lock["waited"] == 1 and not lock["held"] and exitcode == 0


def take_and_end(lock, lab, ready, depth):
    for _ in range(depth):
        lock.acquire()
    lab.fence(True)
    ready.set()
    lab.wait_for_contention(lock)
    lab.fence(False)


def hold_then_wait(method, hold, args, ready, wait):
    """A process of `method` running hold(*args), which sets `ready` once it holds a lock, then
    one running wait(); both joined."""
    plain = multiprocessing.get_context(method)
    holder = plain.Process(target=hold, args=args)
    holder.start()
    ready.wait()
    waiter = plain.Process(target=wait)
    waiter.start()
    holder.join()
    waiter.join()
    return holder, waiter


def end_holding(_, method, reentrant):
    context = shared_values.CounterContext(method)
    lock = context.RLock() if reentrant else context.Lock()
    ready = multiprocessing.get_context(method).Event()
    args = (lock, context.lab, ready, 2 if reentrant else 1)
    holder, waiter = hold_then_wait(method, take_and_end, args, ready, lock.acquire)
    try:
        late = lock.acquire()
    except shared_values.HolderEnded as exc:
        late = str(exc)
    others = [lock.acquire(False), lock.acquire(timeout=60)]
    [found] = context.lab.locks()
    if not reentrant:  # released by a process that never held it, a Lock is free again
        lock.release()
        others += [lock.acquire(False), context.lab.locks()[0]["orphaned_by"]]
    return holder.pid, [holder.exitcode, waiter.exitcode], late, others, found


@pytest.mark.parametrize(
    "reentrant", [pytest.param(False, id="lock"), pytest.param(True, id="rlock")]
)
@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_a_lock_whose_holder_ended_holding_it_refuses_every_acquire_at_once(method, reentrant):
    """A process (of any class) that ends holding a lab lock hands it on: a blocking acquire()
    waiting for it then, or made later, raises HolderEnded; a non-blocking or timed one returns
    False at once."""
    pid, exitcodes, late, others, found = in_a_child(end_holding, method, reentrant)
    assert exitcodes == [0, 1]
    assert f"which process {pid} still held when it ended" in late
    assert others == ([False, False] if reentrant else [False, False, True, 0])
    assert found["held"] and found["orphaned_by"] == pid


def take_in_a_thread_and_end(lock, lab, ready, daemon):
    """The process's target returns once a thread of it holds `lock`: a thread that returns
    without releasing it once another process waits for it, or a daemon thread that never
    returns."""
    if daemon:
        target, args = hold_for_ever, (lock, ready)
    else:
        target, args = take_and_end, (lock, lab, ready, 1)
    threading.Thread(target=target, args=args, daemon=daemon).start()
    ready.wait()


def hold_for_ever(lock, ready):
    lock.acquire()
    ready.set()
    threading.Event().wait()


def end_with_a_thread_holding(_, method, daemon):
    context = shared_values.CounterContext(method)
    lock = context.Lock()
    ready = multiprocessing.get_context(method).Event()
    args = (lock, context.lab, ready, daemon)
    holder, waiter = hold_then_wait(method, take_in_a_thread_and_end, args, ready, lock.acquire)
    [found] = context.lab.locks()
    return holder.pid, [holder.exitcode, waiter.exitcode], found


@pytest.mark.parametrize(
    "daemon",
    [pytest.param(False, id="a-thread-ending-after-the-target"), pytest.param(True, id="a-daemon")],
)
@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_a_lock_a_thread_still_holds_once_its_process_ends_is_handed_on(method, daemon):
    """A lab lock still held once the process's non-daemon threads are done, by a thread that
    ended or by a daemon thread, is handed on: the process waiting for it is told at once."""
    pid, exitcodes, found = in_a_child(end_with_a_thread_holding, method, daemon)
    assert exitcodes == [0, 1]
    assert found["held"] and found["orphaned_by"] == pid


def hold_in_a_thread_and_end(lock, lab, ready):
    threading.Thread(target=shared_values.hold_until_contended, args=(lock, lab, ready)).start()
    ready.wait()


def take_and_release(lock):
    with lock:
        pass


def end_while_a_thread_holds(_, method):
    context = shared_values.CounterContext(method)
    lock = context.Lock()
    ready = multiprocessing.get_context(method).Event()
    args = (lock, context.lab, ready)
    wait = functools.partial(take_and_release, lock)
    holder, waiter = hold_then_wait(method, hold_in_a_thread_and_end, args, ready, wait)
    [found] = context.lab.locks()
    return [holder.exitcode, waiter.exitcode], found


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_a_lock_a_running_thread_holds_is_not_handed_on_as_its_process_ends(method):
    """A lab lock that a thread still running holds when its process's target returns is
    that thread's to release: a process waiting for it gets it then."""
    exitcodes, found = in_a_child(end_while_a_thread_holds, method)
    assert exitcodes == [0, 0]
    assert not found["held"] and not found["orphaned_by"] and found["taken"] == 2


def start_with(_, item):
    context = shared_values.CounterContext("fork")
    made = {
        "threading": threading.Lock(),
        "lock": multiprocessing.Lock(),
        "semaphore": context.BoundedSemaphore(1),
        "value": multiprocessing.Value("i"),
    }
    try:
        context.Process(target=print, args=([made[item]],), name="p").start()
    except shared_values.NotFromContext as refused:
        return str(refused)
    return ""


@pytest.mark.parametrize(
    "item, says",
    [
        pytest.param("threading", "'p' was given a threading lock", id="threading-lock"),
        pytest.param("lock", "'p' was given a lock (Lock) that the context", id="lock"),
        pytest.param(
            "semaphore", "'p' was given a semaphore (BoundedSemaphore) as its lock", id="semaphore"
        ),
        pytest.param("value", "'p' was given a shared value (Synchronized)", id="value"),
    ],
)
def test_counter_context_refuses_locks_and_values_it_did_not_make(item, says):
    """A CounterContext's process refuses a lock or shared value the context did not make, and a
    semaphore as a lock, even inside a list among its arguments."""
    assert in_a_child(start_with, item).startswith(says)


def add_one(counter, lock):
    with lock:
        counter.value += 1


def join_with_timeout_then(_module, then):
    """One process of a fork CounterContext that adds 1, joined with a timeout of an hour; the
    counter read then; with `then` "look", a look at is_alive(); the events, whether it looked
    alive, what was read, and the counter once the context let the process go and it ended."""
    context = shared_values.CounterContext("fork")
    counter, lock = context.Value("i", 0), context.Lock()
    process = context.Process(target=add_one, args=(counter, lock), name="p")
    process.start()
    process.join(timeout=3600)
    read = counter.value  # before a look, which lets the process go
    seen_alive = process.is_alive() if then == "look" else None
    context.let_go()
    return list(processes.PROCESS_EVENTS), seen_alive, read, counter.value


@pytest.mark.parametrize(
    "then, alive, read",
    [
        pytest.param("return", None, 0, id="read-at-once"),
        pytest.param("look", True, 0, id="alive-at-its-first-look"),
    ],
)
def test_a_join_with_a_timeout_gives_up_at_once_while_the_process_is_held(then, alive, read):
    """A CounterContext's process waits at the turnstile until the parent waits for it without a
    timeout or looks at it: a join(timeout) before that returns at once, recorded as timed out,
    and lets nothing go, so the counter reads 0 every run; a look then says alive."""
    events, seen_alive, got, after = in_a_child(join_with_timeout_then, then)
    assert [event for event in events if event[0].startswith("join")] == [
        ("join-timed-out", "p", 3600)
    ]
    assert (seen_alive, got, after) == (alive, read, 1)
