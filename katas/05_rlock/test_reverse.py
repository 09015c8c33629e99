"""Tests of kata 05 (RLock).

Each scenario function runs in the judge's child process against your `reverse.py` and returns
plain observations; each test asserts on them here, in the pytest process. Most scenarios hand
your functions a `Probe`: a resource whose lock is re-entrant and knows how deep each thread
holds it, and whose value records every read and write with the hold it happened in.
"""

from __future__ import annotations

import functools
import inspect
import sys
import threading

import pytest

from katakit import helpers, rules

M = rules.messages(__file__)

FLIPS = [pytest.param(0, id="zero-to-one"), pytest.param(1, id="one-to-zero")]
SETTERS = [
    pytest.param("set_one", 0, 1, id="set_one"),
    pytest.param("set_zero", 1, 0, id="set_zero"),
]


# --- instrumented resource (used in the judge's child) ------------------------------------------


class DepthLock:
    """A re-entrant lock that knows how deep each thread holds it, and numbers each outer hold."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._depth: dict[threading.Thread, int] = {}
        self._hold: dict[threading.Thread, int] = {}
        self.holds = 0  # outermost acquisitions so far, by any thread
        #: Notified whenever `refused` or `blocked` changes.
        self.monitor = threading.Condition(threading.Lock())
        #: While set, an acquire() with a timeout that would have to wait returns False at once,
        #: as it may whenever its time runs out first.
        self.refuse_timed = False
        self.refused = 0  # acquire() calls that found the lock held and returned False
        self.blocked = 0  # threads waiting now in a blocking acquire()

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        if not blocking and timeout != -1:
            return self._lock.acquire(blocking, timeout)  # raises ValueError, as any RLock
        if not self._lock.acquire(False):
            if not blocking or (timeout >= 0 and self.refuse_timed):
                self._count("refused", 1)
                return False
            self._count("blocked", 1)
            try:
                acquired = self._lock.acquire(True, timeout)
            finally:
                self._count("blocked", -1)
            if not acquired:
                return False
        me = threading.current_thread()
        self._depth[me] = self._depth.get(me, 0) + 1
        if self._depth[me] == 1:
            self.holds += 1
            self._hold[me] = self.holds
        return True

    def _count(self, name: str, step: int) -> None:
        with self.monitor:
            setattr(self, name, getattr(self, name) + step)
            self.monitor.notify_all()

    def release(self) -> None:
        me = threading.current_thread()
        self._lock.release()  # raises RuntimeError, as any RLock, if this thread does not hold it
        self._depth[me] -= 1

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def depth(self) -> int:
        """How many times the calling thread holds the lock now."""
        return self._depth.get(threading.current_thread(), 0)

    def hold(self) -> int | None:
        """The number of the calling thread's current outermost hold; None when it holds none."""
        return self._hold[threading.current_thread()] if self.depth() else None


class Probe:
    """A resource whose `value` records ("read" | "write", value, hold number or None).

    While `fenced` is set (a scenario's own thread holds the lock), every read and write also
    goes to `fenced_log`: nobody else may touch the value then.
    """

    def __init__(self, value: int) -> None:
        self.lock = DepthLock()
        self.stored = value
        self.log: list[tuple[str, object, int | None]] = []
        self.fenced = False
        self.fenced_log: list[tuple[str, object]] = []

    def record(self, kind: str, value: object) -> None:
        self.log.append((kind, value, self.lock.hold()))
        if self.fenced:
            self.fenced_log.append((kind, plain(value)))

    @property
    def value(self) -> int:
        self.record("read", self.stored)
        return self.stored

    @value.setter
    def value(self, new: int) -> None:
        self.record("write", new)
        self.stored = new


def plain(value: object) -> object:
    """`value` if it is a plain int (or None), else its repr: scenarios return plain values."""
    return value if value is None or type(value) in (int, bool) else repr(value)


# --- scenarios (run in the judge's child) -------------------------------------------------------


def call_on_probe(reverse, function, start):
    """`function`(probe) on a probe holding `start`."""
    probe = Probe(start)
    returned = getattr(reverse, function)(probe)
    return {
        "returned": plain(returned),
        "value": plain(probe.stored),
        "log": [(kind, plain(value), hold) for kind, value, hold in probe.log],
        "depth": probe.lock.depth(),
    }


def call_signature(function):
    """(code object, {local name: value}) that a call of `function` runs, or None if not Python code.

    Decorators with functools.wraps are unwrapped; a functools.partial runs its function's code
    with its bound arguments; a closure (a decorator without wraps, a setter factory) runs
    its code with its free variables. Two setters that share code differ in those values.
    """
    bound: dict[str, object] = {}
    function = inspect.unwrap(function)
    while isinstance(function, functools.partial):
        bound.update(function.keywords)
        code = getattr(function.func, "__code__", None)
        if code is not None:
            bound.update(zip(code.co_varnames[: len(function.args)], function.args))
        function = inspect.unwrap(function.func)
    code = getattr(function, "__code__", None)
    if code is None:
        return None
    for name, cell in zip(code.co_freevars, function.__closure__ or ()):
        try:
            bound[name] = cell.cell_contents
        except ValueError:  # an empty cell
            pass
    return code, bound


def is_call_of(frame, signature) -> bool:
    code, bound = signature
    if frame.f_code is not code:
        return False
    here = frame.f_locals
    return all(name in here and here[name] is value for name, value in bound.items())


def reverse_recording_setters(reverse, start):
    """set_reverse(probe), recording each call of set_one and set_zero, however it is reached.

    A profile function sees every Python call in this thread, so a setter counts whether
    set_reverse looks it up by name, keeps it in a table or a default argument, or calls the
    function under its decorator or partial. Only setters that cannot be told apart that way
    are replaced by recording wrappers in the module instead.
    """
    probe = Probe(start)
    calls = []
    names = ("set_one", "set_zero")
    signatures = {name: call_signature(getattr(reverse, name)) for name in names}
    if None not in signatures.values() and signatures["set_one"] != signatures["set_zero"]:

        def profile(frame, event, arg):
            if event == "call":
                calls.extend(name for name in names if is_call_of(frame, signatures[name]))

        sys.setprofile(profile)
        try:
            reverse.set_reverse(probe)
        finally:
            sys.setprofile(None)
        return calls

    def recording(name):
        original = getattr(reverse, name)

        def setter(*args, **kwargs):
            calls.append(name)
            return original(*args, **kwargs)

        return setter

    for name in names:
        setattr(reverse, name, recording(name))
    reverse.set_reverse(probe)
    return calls


def reverse_resource_twice(reverse):
    """set_reverse on a real Resource(), from 0, twice, in this thread: (before, returned, after)."""
    resource = reverse.Resource()
    resource.value = 0
    steps = []
    for _ in range(2):
        before = resource.value
        returned = reverse.set_reverse(resource)
        steps.append((plain(before), plain(returned), plain(resource.value)))
    return steps


def acquire_twice_in_one_thread(reverse):
    """Resource().lock.acquire(blocking=False), twice in this thread; each is released."""
    lock = reverse.Resource().lock
    first = lock.acquire(blocking=False)
    second = lock.acquire(blocking=False) if first else None
    for _ in range(bool(first) + bool(second)):
        lock.release()
    return plain(first), plain(second)


def second_thread_tries_while_held(reverse):
    """This thread holds Resource().lock while another reads resource.lock and tries acquire(blocking=False)."""
    resource = reverse.Resource()
    lock = resource.lock
    mine = lock.acquire(blocking=False)

    def attempt():
        theirs = resource.lock  # read in this thread too: it must be the same lock
        got = theirs.acquire(blocking=False)
        if got:
            theirs.release()
        return got

    runner = helpers.Runner()
    runner.start("second", attempt)
    running = runner.join(helpers.seconds())
    if mine:
        lock.release()
    return {
        "mine": plain(mine),
        "other": plain(runner.results.get("second")),
        "error": runner.errors.get("second"),
        "running": running,
    }


def call_while_another_thread_holds(reverse, function, start):
    """This thread holds probe.lock while another thread calls `function`(probe); then lets go.

    While it is held, an acquire() with a timeout or blocking=False by the other thread returns
    False at once (as it may: its time can always run out first). The holder waits until the
    other thread blocks in acquire(), has been refused a few times, or has returned; what it
    read or wrote until then is in `during`. Then the lock is released and the call must end.
    """
    probe = Probe(start)
    lock = probe.lock
    lock.acquire()
    probe.fenced = lock.refuse_timed = True
    outcome: dict[str, BaseException | None] = {}

    def call():
        error = None
        try:
            getattr(reverse, function)(probe)
        except BaseException as exc:  # the student's exception is an observation
            error = exc
        with lock.monitor:
            outcome["error"] = error
            lock.monitor.notify_all()

    thread = threading.Thread(target=call, name="other", daemon=True)
    thread.start()
    with lock.monitor:
        waiting = lock.monitor.wait_for(
            lambda: lock.blocked or lock.refused >= 3 or "error" in outcome, helpers.seconds()
        )
    probe.fenced = lock.refuse_timed = False
    lock.release()
    thread.join(helpers.seconds())
    error = outcome.get("error")
    if error is not None and not probe.fenced_log:
        raise error  # the judge shows where, and a stub's NotImplementedError points at the TODO
    return {
        "during": list(probe.fenced_log),
        "waiting": bool(waiting),
        "running": thread.is_alive(),
        "error": None if error is None else f"{type(error).__name__}: {error}",
        "value": plain(probe.stored),
    }


def new_resource_value(reverse):
    """Resource().value, or the exception reading it raised."""
    resource = reverse.Resource()
    try:
        return plain(resource.value)
    except Exception as exc:  # a missing value is an observation
        return f"{type(exc).__name__}: {exc}"


# --- helpers (pytest side) ----------------------------------------------------------------------


def writes_of(seen):
    return [(value, hold) for kind, value, hold in seen["log"] if kind == "write"]


# --- tests --------------------------------------------------------------------------------------


def test_new_resource_starts_at_zero(judge):
    # Rule: a new Resource() has value 0.
    value = judge.run(new_resource_value)
    assert value == 0, M.NEW_VALUE_NOT_ZERO.format(got=value)


@pytest.mark.parametrize("function, start, expected", SETTERS)
def test_set_one_and_set_zero_set_the_value(judge, function, start, expected):
    # Rule: set_one makes resource.value 1 and set_zero makes it 0, on the resource passed in.
    seen = judge.run(call_on_probe, function, start)
    assert seen["value"] == expected, M.VALUE_NOT_SET.format(
        function=function, got=seen["value"], expected=expected
    )


@pytest.mark.parametrize("function, start, expected", SETTERS)
def test_set_one_and_set_zero_hold_the_lock_while_writing(judge, function, start, expected):
    # Rule: set_one and set_zero write resource.value only while holding resource.lock.
    seen = judge.run(call_on_probe, function, start)
    writes = writes_of(seen)
    assert writes, M.VALUE_NOT_SET.format(function=function, got=seen["value"], expected=expected)
    assert all(hold is not None for _, hold in writes), M.WRITE_OUTSIDE_LOCK.format(function=function)


@pytest.mark.parametrize("start", FLIPS)
def test_set_reverse_flips_the_value(judge, start):
    # Rule: set_reverse turns 0 into 1 and 1 into 0.
    seen = judge.run(call_on_probe, "set_reverse", start)
    assert seen["value"] == 1 - start, M.VALUE_NOT_FLIPPED.format(
        start=start, got=seen["value"], expected=1 - start
    )


@pytest.mark.parametrize("start", FLIPS)
def test_set_reverse_returns_the_new_value(judge, start):
    # Rule: set_reverse returns the value it flipped to, not the one it found.
    seen = judge.run(call_on_probe, "set_reverse", start)
    assert seen["returned"] == 1 - start, M.RETURNED_WRONG.format(
        start=start, got=seen["returned"], expected=1 - start
    )


@pytest.mark.parametrize("start", FLIPS)
def test_set_reverse_calls_set_one_when_zero_and_set_zero_when_one(judge, start):
    # Rule: set_reverse changes the value through exactly one call of set_one (from 0) or set_zero (from 1).
    calls = judge.run(reverse_recording_setters, start)
    expected = ["set_one"] if start == 0 else ["set_zero"]
    assert calls, M.NOT_THROUGH_SETTERS
    assert calls == expected, M.WRONG_SETTER.format(start=start, got=calls, expected=expected[0])


@pytest.mark.parametrize("start", FLIPS)
def test_set_reverse_reads_and_writes_in_one_critical_section(judge, start):
    # Rule: the read that decides and the write it leads to happen in one outermost hold of the lock.
    seen = judge.run(call_on_probe, "set_reverse", start)
    log = seen["log"]
    first_write = next((i for i, (kind, _, _) in enumerate(log) if kind == "write"), None)
    assert first_write is not None, M.VALUE_NOT_FLIPPED.format(
        start=start, got=seen["value"], expected=1 - start
    )
    reads = [hold for kind, _, hold in log[:first_write] if kind == "read"]
    assert reads, M.NO_READ_BEFORE_WRITE
    assert None not in reads, M.READ_OUTSIDE_LOCK
    holds = set(reads) | {hold for _, hold in writes_of(seen)}
    assert len(holds) == 1, M.SPLIT_SECTIONS


@pytest.mark.parametrize(
    "function, start",
    [
        pytest.param("set_zero", 1, id="set_zero"),
        pytest.param("set_one", 0, id="set_one"),
        pytest.param("set_reverse", 0, id="set_reverse-zero-to-one"),
        pytest.param("set_reverse", 1, id="set_reverse-one-to-zero"),
    ],
)
def test_lock_is_free_again_after_each_call(judge, function, start):
    # Rule: when a function returns, the calling thread no longer holds resource.lock at all.
    seen = judge.run(call_on_probe, function, start)
    assert seen["depth"] == 0, M.LOCK_STILL_HELD.format(function=function, depth=seen["depth"])


@pytest.mark.parametrize(
    "function, start",
    [
        pytest.param("set_one", 0, id="set_one"),
        pytest.param("set_zero", 1, id="set_zero"),
        pytest.param("set_reverse", 0, id="set_reverse"),
    ],
)
def test_functions_wait_while_another_thread_holds_the_lock(judge, function, start):
    # Rule: while another thread holds resource.lock, a function touches nothing; it goes on once the lock is free.
    seen = judge.run(call_while_another_thread_holds, function, start, deadline=3.0)
    assert not seen["during"], M.ACQUIRE_RESULT_IGNORED.format(
        function=function, during=seen["during"], error=seen["error"] or "no error"
    )
    assert seen["waiting"], M.NOT_WAITING_FOR_LOCK.format(function=function)
    assert not seen["running"], M.NOT_DONE_AFTER_RELEASE.format(function=function)


def test_resource_lock_is_reentrant(judge):
    # Rule: the thread that holds Resource().lock can acquire it again (without waiting).
    first, second = judge.run(acquire_twice_in_one_thread)
    assert first is True, M.NEW_LOCK_HELD.format(got=first)
    assert second is True, M.NOT_REENTRANT.format(got=second)


def test_resource_lock_excludes_other_threads(judge):
    # Rule: while one thread holds Resource().lock, another thread cannot acquire it.
    seen = judge.run(second_thread_tries_while_held)
    assert seen["mine"] is True, M.NEW_LOCK_HELD.format(got=seen["mine"])
    assert not seen["running"], M.OTHER_THREAD_STUCK
    assert seen["error"] is None, M.OTHER_THREAD_FAILED.format(error=seen["error"])
    assert seen["other"] is False, M.NOT_EXCLUSIVE


def test_set_reverse_completes_with_the_resources_own_lock(judge):
    # Rule: set_reverse on a real Resource() returns (no deadlock), flipping 0 -> 1, then 1 -> 0.
    steps = judge.run(reverse_resource_twice, stuck=M.DEADLOCK, what="set_reverse(Resource())")
    for before, returned, after in steps:
        assert after == 1 - before, M.VALUE_NOT_FLIPPED.format(start=before, got=after, expected=1 - before)
        assert returned == after, M.RETURNED_WRONG.format(start=before, got=returned, expected=after)


def test_script_runs_its_demo(judge):
    # Rule: the file defines its API, and `python reverse.py` runs any demo it has to the end.
    judge.check_api("Resource", "set_zero", "set_one", "set_reverse")
    judge.run_demo()
