"""Scenarios of kata 05 (RLock), run in the judge's child against the student's `reverse.py`.

Most scenarios hand the student's functions a `Probe`: a resource whose lock is a `TrackedLock`
over an RLock (it knows how deep each thread holds it, and numbers each outermost hold), and
whose value records every read and write with the hold it happened in. One makes the race of a
read after the lock is released happen every run: another thread flips the value as soon as the
lock is first free (`FlipAfterRelease`).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import sys
import threading

from katakit.instruments import MONITOR, THREAD, Runner, TrackedLock, plain, seconds


class Probe:
    """A resource whose `value` records ("read" | "write", value, hold number or None), and how
    many times the writing thread held the lock at each write (`write_depths`).

    While `fenced` is set (a scenario's own thread holds the lock), every read and write also
    goes to `fenced_log`: nobody else may touch the value then.
    """

    def __init__(self, value: int, flip_after_release: bool = False) -> None:
        self.lock = (
            FlipAfterRelease(self)
            if flip_after_release
            else TrackedLock(threading.RLock(), name="resource.lock")
        )
        self.stored = value
        self.log: list[tuple[str, object, int | None]] = []
        self.write_depths: list[int] = []
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
        self.write_depths.append(self.lock.my_depth())
        self.stored = new


class FlipAfterRelease(TrackedLock):
    """A probe's lock that, the first time it is free again, lets another thread flip the probe's
    value before the releasing thread goes on: what another thread may always do as soon as the
    lock is free. The flip is not in the probe's log."""

    def __init__(self, probe: Probe) -> None:
        super().__init__(threading.RLock(), name="resource.lock")
        self.probe = probe
        self.armed = True

    def release(self) -> None:
        super().release()
        if self.armed and not self.locked():
            self.armed = False
            flipper = THREAD(target=self.flip, name="flipper", daemon=True)
            flipper.start()
            flipper.join(seconds())

    def flip(self) -> None:
        with self:
            self.probe.stored = 1 - self.probe.stored


def call_on_probe(reverse, function, start, flip_after_release=False):
    """`function`(probe) on a probe holding `start` (whose value another thread flips as soon as
    the lock is first free again, if `flip_after_release`)."""
    probe = Probe(start, flip_after_release)
    returned = getattr(reverse, function)(probe)
    return {
        "returned": plain(returned),
        "value": plain(probe.stored),
        "log": [(kind, plain(value), hold) for kind, value, hold in probe.log],
        "depth": probe.lock.my_depth(),
        "write_depths": probe.write_depths,
    }


def call_signature(function, unwrap: bool = True):
    """(code object, {local name: value}) that a call of `function` runs, or None if not Python code.

    Decorators with functools.wraps are unwrapped (unless not `unwrap`: then the decorator's
    own code is the call's); a functools.partial runs its function's code with its bound
    arguments; a closure (a decorator without wraps, a setter factory) runs its code with its
    free variables. Two setters that share code differ in those values.
    """
    bound: dict[str, object] = {}
    outer = inspect.unwrap if unwrap else (lambda found: found)
    function = outer(function)
    while isinstance(function, functools.partial):
        bound.update(function.keywords)
        code = getattr(function.func, "__code__", None)
        if code is not None:
            bound.update(zip(code.co_varnames[: len(function.args)], function.args))
        function = outer(function.func)
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
    calls = []
    reverse_seeing_setters(reverse, Probe(start), lambda name, probe: calls.append(name))
    return calls


def reverse_with_setter_depths(reverse, start):
    """set_reverse(probe) as `reverse_recording_setters` runs it: how many times the calling
    thread held the probe's lock as each call of set_one or set_zero began, before any
    decorator of theirs ran ("called_at"), and at each write ("write_depths")."""
    called_at = []
    probe = Probe(start)

    def note_depth(name, probe):
        called_at.append(probe.lock.my_depth())

    reverse_seeing_setters(reverse, probe, note_depth, unwrap=False)
    return {
        "called_at": called_at, "write_depths": probe.write_depths, "value": plain(probe.stored)
    }


def reverse_seeing_setters(reverse, probe, seen, unwrap: bool = True):
    """set_reverse(probe), with seen(name, probe) at the start of each call of set_one and
    set_zero, however it is reached (see `reverse_recording_setters`): the call of the function
    under its decorators, or (not `unwrap`) of the decorators' own code."""
    names = ("set_one", "set_zero")
    signatures = {name: call_signature(getattr(reverse, name), unwrap) for name in names}
    if None not in signatures.values() and signatures["set_one"] != signatures["set_zero"]:

        def profile(frame, event, arg):
            if event == "call":
                for name in names:
                    if is_call_of(frame, signatures[name]):
                        seen(name, probe)

        sys.setprofile(profile)
        try:
            reverse.set_reverse(probe)
        finally:
            sys.setprofile(None)
        return

    def recording(name):
        original = getattr(reverse, name)

        def setter(*args, **kwargs):
            seen(name, probe)
            return original(*args, **kwargs)

        return setter

    for name in names:
        setattr(reverse, name, recording(name))
    reverse.set_reverse(probe)


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
    """Resource().lock.acquire(blocking=False), twice in this thread; each is released. (The
    flag is passed by position: multiprocessing's locks name it `block`.)"""
    lock = reverse.Resource().lock
    first = lock.acquire(False)
    second = lock.acquire(False) if first else None
    for _ in range(bool(first) + bool(second)):
        lock.release()
    return plain(first), plain(second)


def second_thread_tries_while_held(reverse):
    """This thread holds Resource().lock while another reads resource.lock and tries acquire(blocking=False)."""
    resource = reverse.Resource()
    lock = resource.lock
    mine = lock.acquire(False)  # by position: multiprocessing's locks name the flag `block`

    def attempt():
        theirs = resource.lock  # read in this thread too: it must be the same lock
        shared.append(theirs is lock)
        got = theirs.acquire(False)
        if got:
            theirs.release()
        return got

    shared: list[bool] = []

    runner = Runner()
    runner.start("second", attempt)
    running = runner.join()
    if mine:
        lock.release()
    return {
        "mine": plain(mine),
        "other": plain(runner.results.get("second")),
        "error": runner.errors.get("second"),
        "running": running,
        "same": all(shared),
    }


def other_thread_tries_after_one_of_two_releases(reverse):
    """This thread acquires Resource().lock twice (blocking=False) and releases it once; another
    thread then tries acquire(blocking=False): what it got (None if this thread did not get the
    lock twice). This thread then lets go of what it still holds: a lock that the first release
    freed may refuse that, which the result already says."""
    lock = reverse.Resource().lock
    first = lock.acquire(False)  # by position: multiprocessing's locks name the flag `block`
    second = lock.acquire(False) if first else None
    if not (first and second):
        if first:
            lock.release()
        return None

    def attempt():
        got = lock.acquire(False)
        if got:
            lock.release()
        return got

    lock.release()
    runner = Runner()
    runner.start("second", attempt)
    runner.join()
    with contextlib.suppress(Exception):
        lock.release()
    return plain(runner.results.get("second"))


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
        with MONITOR.changing():
            outcome["error"] = error

    thread = THREAD(target=call, name="other", daemon=True)
    thread.start()
    waiting = MONITOR.wait_until(lambda: lock.blocked or lock.refused >= 3 or "error" in outcome)
    probe.fenced = lock.refuse_timed = False
    lock.release()
    thread.join(seconds())
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


def reverse_in_threads(reverse, n, times):
    """`n` threads each call set_reverse on one Resource() `times` times: what the calls
    returned, in any order, the value they left, and the threads still running."""
    resource = reverse.Resource()
    runner = Runner(catch=False)
    for i in range(n):
        runner.start(f"reverser-{i}", lambda: [reverse.set_reverse(resource) for _ in range(times)])
    running = runner.join()
    returned = sorted(plain(value) for values in runner.results.values() for value in values)
    return {"returned": returned, "value": plain(resource.value), "running": running}


def new_resource_value(reverse):
    """Resource().value, or the exception reading it raised."""
    resource = reverse.Resource()
    try:
        return plain(resource.value)
    except Exception as exc:  # a missing value is an observation
        return f"{type(exc).__name__}: {exc}"
