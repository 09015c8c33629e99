"""Tests of kata 06 (Condition).

Each scenario function runs in the judge's child process against your `gate.py` and returns
plain observations; each test asserts on them here, in the pytest process. Every scenario makes
a `Scene`: a gate whose `condition` is replaced, before anyone waits, by a `RecordingCondition`
that knows which thread holds it, how many threads sleep in it and how many wake-ups are still on
their way. So a scenario waits until the gate has *settled* (no wake-up in flight, every waiter
either asleep in the condition or returned from `gate.wait`) and only then counts who passed: no
sleeps, and no guessing how long a thread needs.
"""

from __future__ import annotations

import sys
import threading
import traceback
from pathlib import Path

import pytest

from katakit import helpers, rules

M = rules.messages(__file__)

#: Seconds a waiter waits: longer than any wait of a scenario, shorter than the judge's deadline.
LONG = 1.5
SHORT = 0.05  # blocked-wait: nothing is ever released, so a wait this long must run out its timeout
#: Seconds a scenario waits for a state that a correct gate reaches at once.
SETTLE = 1.0
#: The state the tests watch being written.
STATE = ("tickets", "opened")
#: What the judge adds when the student's code raises "cannot notify on un-acquired lock" & co.
HINTS = {r"un-acquired lock": M.NOT_HELD, r"SelfDeadlock": M.SELF_DEADLOCK}


# --- instruments (used in the judge's child) ----------------------------------------------------


class SelfDeadlock(RuntimeError):
    """Raised where the student's own, non-re-entrant condition would wait for itself forever."""


def is_reentrant(condition) -> bool:
    """Whether a free `condition` lets the thread holding it take it again (public API only)."""
    if not condition.acquire(blocking=False):
        return True  # not free: nothing to learn, assume the default (an RLock)
    try:
        again = condition.acquire(blocking=False)
        if again:
            condition.release()
        return bool(again)
    finally:
        condition.release()


class RecordingCondition(threading.Condition):
    """A Condition over an RLock that knows its holder, its sleepers and the wake-ups in flight.

    `waiting` counts the threads inside wait(); `pending` the ones notified that have not yet
    returned from it. Both change while the condition is held, so a holder sees them exact, and
    under `monitor`, on which a scenario waits for them. `timeouts` lists, per thread name, the
    timeout of each of its wait() calls.

    Unless `reentrant` (as the gate's own condition was), it behaves as a Condition over a
    plain Lock when its holder takes it again: a non-blocking or timed acquire() returns False,
    and a blocking one, which would wait for itself forever, raises `SelfDeadlock`.
    """

    def __init__(self, reentrant: bool = True) -> None:
        super().__init__(threading.RLock())
        self.reentrant = reentrant
        self.timeouts: dict[str, list[float | None]] = {}
        self.monitor = threading.Condition(threading.Lock())
        self.holder: threading.Thread | None = None
        self.depth = 0
        self.waiting = 0
        self.pending = 0
        self.deprecated_calls = 0
        self.inner_acquire, self.inner_release = self.acquire, self.release
        self.acquire, self.release = self.recording_acquire, self.recording_release

    def held_by_me(self) -> bool:
        return self.holder is threading.current_thread()

    def recording_acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        if not self.reentrant and self.held_by_me():
            if blocking and timeout < 0:
                raise SelfDeadlock(
                    f"{threading.current_thread().name} took gate.condition (over a plain Lock) "
                    "again while holding it"
                )
            return False
        if not self.inner_acquire(blocking, timeout):
            return False
        self.holder = threading.current_thread()
        self.depth += 1
        return True

    def recording_release(self) -> None:
        if self.held_by_me():
            self.depth -= 1
            if not self.depth:
                self.holder = None
        self.inner_release()  # raises RuntimeError, as any RLock, if this thread does not hold it

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def wait(self, timeout: float | None = None) -> bool:
        if not self.held_by_me():
            return super().wait(timeout)  # raises "cannot wait on un-acquired lock"
        me, depth = self.holder, self.depth
        self.timeouts.setdefault(me.name, []).append(timeout)
        self.holder, self.depth = None, 0
        with self.monitor:
            self.waiting += 1
        notified = False
        try:
            notified = super().wait(timeout)
        finally:
            self.holder, self.depth = me, depth
            with self.monitor:
                self.waiting -= 1
                # A wait that timed out as it was notified took a wake-up nobody else gets.
                self.pending = max(0, min(self.pending - notified, self.waiting))
                self.monitor.notify_all()
        return notified

    def notify(self, n: int = 1) -> None:
        super().notify(n)
        with self.monitor:
            self.pending += max(0, min(n, self.waiting - self.pending))
            self.monitor.notify_all()

    def notify_all(self) -> None:
        super().notify_all()
        with self.monitor:
            self.pending = self.waiting
            self.monitor.notify_all()

    def notifyAll(self) -> None:  # the deprecated alias, recorded to teach its replacement
        self.deprecated_calls += 1
        self.notify_all()


def recording_gate(gate_module, scene: Scene):
    """A subclass of the student's Gate whose writes of tickets and opened are recorded."""

    class RecordingGate(gate_module.Gate):
        def __setattr__(self, name, value):
            if name in STATE and getattr(self, "condition", None) is scene.condition:
                writer = sys._getframe(1).f_code.co_name
                scene.writes.append((writer, name, plain(value), scene.condition.held_by_me()))
            super().__setattr__(name, value)

    return RecordingGate


def plain(value: object) -> object:
    """`value` if it is a plain bool, int or None, else its repr: scenarios return plain values."""
    return value if value is None or type(value) in (bool, int) else repr(value)


def student_line(exc: BaseException, student_file: str) -> str:
    """Where in the student's file `exc` was raised, as "gate.py:12 in wait(): line"."""
    mine = Path(student_file).resolve()
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).resolve() == mine]
    if not frames:
        return ""
    f = frames[-1]
    return f" (at {mine.name}:{f.lineno} in {f.name}(): {(f.line or '').strip()})"


class Scene:
    """A gate with a RecordingCondition in place, and the waiter threads a scenario starts on it.

    A scenario starts waiters and acts (release_one, release_all, a bare notify); each action
    is preceded and followed by `settle()`. Once something is wrong for good (a waiter that
    never settles, a condition left held), the scene stops acting, so the scenario still ends
    with an observation before the judge's deadline.
    """

    def __init__(self, gate_module) -> None:
        self.condition = object()  # not the gate's yet: the writes of __init__ are not recorded
        self.writes: list[tuple[str, str, object, bool]] = []
        self.gate = recording_gate(gate_module, self)()
        self.condition = RecordingCondition(is_reentrant(self.gate.condition))
        self.gate.condition = self.condition
        self.student_file = gate_module.__file__
        self.runner = helpers.Runner()
        self.outcomes: list[tuple[str, str, object]] = []  # (thread, "returned"|"raised", value)
        self.left_held: list[tuple[str, str]] = []  # (function, thread)
        self.early: int | None = None  # waiters passed before the first action
        self.early_false = 0  # waiters that returned False before the first action
        self.unsettled = 0
        self.timeout: float | None = None

    @property
    def stopped(self) -> bool:
        return bool(self.unsettled or self.left_held)

    # waiters

    def start_waiters(self, count: int, timeout: float | None = LONG) -> None:
        """Start `count` threads that each call gate.wait(`timeout` scaled), gate.wait() for None."""
        if self.stopped:
            return
        self.timeout = None if timeout is None else helpers.seconds(timeout)
        for _ in range(count):
            self.runner.start(f"waiter-{len(self.runner.threads)}", self.pass_gate, self.timeout)

    def pass_gate(self, timeout: float | None) -> None:
        try:
            outcome = ("returned", plain(self.gate.wait() if timeout is None else self.gate.wait(timeout)))
        except Exception as exc:  # the student's exception is an observation
            error = traceback.format_exception_only(type(exc), exc)[-1].strip()
            outcome = ("raised", error + student_line(exc, self.student_file))
        if self.condition.held_by_me():
            self.left_held.append(("wait", threading.current_thread().name))
        with self.condition.monitor:
            self.outcomes.append((threading.current_thread().name, *outcome))
            self.condition.monitor.notify_all()

    def values(self) -> list[object]:
        return [value for _, kind, value in self.outcomes if kind == "returned"]

    def passed(self) -> int:
        return sum(1 for _, kind, value in self.outcomes if kind == "returned" and value is True)

    # waiting for the gate

    def is_settled(self) -> bool:
        c = self.condition
        return c.pending == 0 and c.waiting + len(self.outcomes) == len(self.runner.threads)

    def settle(self) -> None:
        """Wait until no wake-up is in flight and every waiter sleeps in the condition or returned."""
        if self.stopped:
            return
        with self.condition.monitor:
            if not self.condition.monitor.wait_for(self.is_settled, helpers.seconds(SETTLE)):
                c = self.condition
                self.unsettled = len(self.runner.threads) - len(self.outcomes) - c.waiting + c.pending

    def all_returned(self) -> bool:
        """Wait until every waiter has returned from gate.wait(); False if one has not in time."""
        with self.condition.monitor:
            return self.condition.monitor.wait_for(
                lambda: len(self.outcomes) == len(self.runner.threads), helpers.seconds(SETTLE)
            )

    # acting

    def act(self, name: str, action=None) -> None:
        """Settle, call gate.`name`() (or `action`), settle again."""
        self.settle()
        if self.stopped:
            return
        if self.early is None:
            self.early = self.passed()
            self.early_false = self.values().count(False)
        (action or getattr(self.gate, name))()
        if self.condition.held_by_me():
            self.left_held.append((name, threading.current_thread().name))
        self.settle()

    def tickets(self) -> object:
        return plain(self.gate.tickets)

    # the end

    def report(self, **seen: object) -> dict:
        """The observations, then the gate opened by the scene itself and every waiter joined."""
        seen.update(
            waiters=len(self.runner.threads),
            timeout=self.timeout,
            early=self.early or 0,
            early_false=self.early_false,
            unsettled=self.unsettled,
            seconds=helpers.seconds(SETTLE),
            left_held=sorted(self.left_held),
            errors=sorted((thread, value) for thread, kind, value in self.outcomes if kind == "raised"),
            values=[value for _, kind, value in self.outcomes if kind == "returned"],
            writes=list(self.writes),
        )
        if not self.stopped:
            # Not through release_all: a test of release_one must not depend on it.
            with self.condition:
                self.gate.opened = True
                self.condition.notify_all()
            self.settle()
            if len(self.outcomes) == len(self.runner.threads):
                self.runner.join(helpers.seconds())
        return seen


# --- scenarios (run in the judge's child) -------------------------------------------------------


def release_one_among_waiters(gate_module, waiters):
    """`waiters` threads wait, one release_one(), then one more thread waits."""
    scene = Scene(gate_module)
    scene.start_waiters(waiters)
    scene.act("release_one")
    passed_now = scene.passed()
    scene.start_waiters(1)
    scene.settle()
    return scene.report(passed_now=passed_now, passed=scene.passed())


def releases_before_waiters(gate_module, releases, waiters, timeout):
    """`releases` release_one() calls with nobody waiting, then `waiters` threads wait."""
    scene = Scene(gate_module)
    for _ in range(releases):
        scene.act("release_one")
    tickets = scene.tickets()
    scene.start_waiters(waiters, timeout)
    scene.settle()
    return scene.report(tickets=tickets, passed=scene.passed(), after=scene.tickets())


def release_all_with_waiters(gate_module, present, future):
    """`present` threads wait, release_all(), then `future` threads wait."""
    scene = Scene(gate_module)
    scene.start_waiters(present)
    scene.act("release_all")
    present_passed = scene.passed()
    scene.start_waiters(future)
    scene.settle()
    return scene.report(present=present_passed, future=scene.passed() - present_passed)


def open_gate_with_a_ticket(gate_module, waiters):
    """release_one(), release_all(), then `waiters` threads wait."""
    scene = Scene(gate_module)
    scene.act("release_one")
    scene.act("release_all")
    before = scene.tickets()
    scene.start_waiters(waiters)
    scene.settle()
    return scene.report(passed=scene.passed(), before=before, after=scene.tickets())


def notify_without_release(gate_module, waiters, how):
    """`waiters` threads wait, then the scene calls condition.`how`() with nothing changed."""
    scene = Scene(gate_module)

    def wake():
        with scene.condition:
            getattr(scene.condition, how)()

    scene.start_waiters(waiters)
    scene.act(how, wake)
    return scene.report(passed=scene.passed(), bare=how)


def wait_with_nothing_released(gate_module, timeout):
    """One thread calls gate.wait(timeout) and nothing is ever released."""
    scene = Scene(gate_module)
    scene.start_waiters(1, timeout)
    still_waiting = not scene.all_returned()
    return scene.report(still_waiting=still_waiting, tickets=scene.tickets())


def empty_wake_up(gate_module):
    """One thread calls gate.wait(LONG); a bare notify() wakes it with nothing released."""
    scene = Scene(gate_module)

    def wake():
        with scene.condition:
            scene.condition.notify()

    scene.start_waiters(1)
    scene.act("notify", wake)
    timeouts = list(scene.condition.timeouts.get("waiter-0", []))
    return scene.report(passed=scene.passed(), timeouts=timeouts, bare="notify")


def release_one_then_all(gate_module):
    """release_one(), two waiters (one passes), release_one(), release_all(), a late waiter."""
    scene = Scene(gate_module)
    scene.act("release_one")
    scene.start_waiters(2)
    scene.act("release_one")
    scene.act("release_all")
    scene.start_waiters(1)
    scene.settle()
    return scene.report(deprecated=scene.condition.deprecated_calls)


# --- helpers (pytest side) ----------------------------------------------------------------------


def assert_waiters_behaved(seen, may_time_out=False):
    """What every scenario's waiters must have done: no exception, no lock left held, a bool back,
    no pass before any release, and (with a long timeout) no False."""
    for thread, error in seen["errors"]:
        if error.startswith("NotImplementedError"):
            lesson = M.WAIT_NOT_WRITTEN
        elif "un-acquired lock" in error:
            lesson = M.NOT_HELD
        elif "SelfDeadlock" in error:
            lesson = M.SELF_DEADLOCK
        else:
            lesson = M.WAIT_MUST_RETURN
        pytest.fail(M.WAIT_RAISED.format(thread=thread, error=error, lesson=lesson), pytrace=False)
    for function, thread in seen["left_held"]:
        pytest.fail(M.LEFT_HELD.format(function=function, thread=thread), pytrace=False)
    odd = [value for value in seen["values"] if type(value) is not bool]
    assert not odd, M.WAIT_VALUE.format(value=odd[0])
    assert not seen["unsettled"], M.NOT_SETTLED.format(
        count=seen["unsettled"], waiters=seen["waiters"], seconds=seen["seconds"]
    )
    assert not seen["early"], M.PASSED_WITHOUT_RELEASE.format(passed=seen["early"], waiters=seen["waiters"])
    if not may_time_out:
        gave_up = seen["values"].count(False)
        call = "" if seen["timeout"] is None else f"timeout={seen['timeout']:g}"
        woken = gave_up - seen["early_false"]  # gave up after the scenario acted: woken for nothing
        if "bare" in seen:
            assert not woken, M.EMPTY_WAKEUP_GAVE_UP.format(call=call, count=woken)
        assert not gave_up, M.GAVE_UP.format(call=call, count=gave_up)


def run(judge, scenario, *args):
    return judge.run(scenario, *args, stuck=M.STUCK, hints=HINTS)


# --- tests --------------------------------------------------------------------------------------


@pytest.mark.parametrize("waiters", [pytest.param(2, id="two-waiters"), pytest.param(5, id="five-waiters")])
def test_one_release_lets_exactly_one_waiter_through(judge, waiters):
    """One release_one() lets exactly one thread through, of those waiting and those coming later."""
    seen = run(judge, release_one_among_waiters, waiters)
    assert_waiters_behaved(seen)
    assert seen["passed_now"], M.NONE_PASSED.format(waiters=waiters)
    assert seen["passed"] == 1, M.TOO_MANY_PASSED.format(releases=1, passed=seen["passed"], waiters=seen["waiters"])


@pytest.mark.parametrize(
    "releases, waiters, timeout",
    [
        pytest.param(1, 1, None, id="one-release-then-wait-without-timeout"),
        pytest.param(2, 3, LONG, id="two-releases-then-three-waiters"),
    ],
)
def test_release_before_anyone_waits_is_not_lost(judge, releases, waiters, timeout):
    """Each release_one() made while nobody waits is kept as a ticket for a later waiter."""
    seen = run(judge, releases_before_waiters, releases, waiters, timeout)
    assert_waiters_behaved(seen)
    assert seen["tickets"] == releases, M.RELEASES_NOT_COUNTED.format(releases=releases, tickets=seen["tickets"])
    if seen["passed"] < releases:
        assert seen["after"] >= releases - seen["passed"], M.TICKETS_OVERUSED.format(
            releases=releases, passed=seen["passed"], after=seen["after"]
        )
    assert seen["passed"] >= releases, M.LOST_WAKEUP.format(releases=releases, passed=seen["passed"], waiters=waiters)
    assert seen["passed"] == releases, M.TOO_MANY_PASSED.format(
        releases=releases, passed=seen["passed"], waiters=waiters
    )


@pytest.mark.parametrize(
    "present, future",
    [
        pytest.param(3, 0, id="three-waiting"),
        pytest.param(4, 0, id="four-waiting"),
        pytest.param(0, 3, id="three-coming-later"),
        pytest.param(3, 2, id="three-waiting-two-coming-later"),
    ],
)
def test_release_all_lets_every_present_and_future_waiter_through(judge, present, future):
    """release_all() lets every thread waiting now through, and every thread that waits later."""
    seen = run(judge, release_all_with_waiters, present, future)
    assert_waiters_behaved(seen)
    assert seen["present"] == present, M.NOT_ALL_WOKEN.format(passed=seen["present"], waiters=present)
    assert seen["future"] == future, M.FUTURE_BLOCKED.format(passed=seen["future"], waiters=future)


def test_open_gate_consumes_no_ticket(judge):
    """Once the gate is opened, waiters pass without consuming tickets."""
    seen = run(judge, open_gate_with_a_ticket, 3)
    assert_waiters_behaved(seen)
    assert seen["passed"] == 3, M.FUTURE_BLOCKED.format(passed=seen["passed"], waiters=3)
    assert seen["after"] == seen["before"], M.OPEN_GATE_CONSUMED.format(
        before=seen["before"], after=seen["after"], waiters=3
    )


@pytest.mark.parametrize("how", ["notify_all", "notify"])
def test_wake_up_without_release_lets_nobody_through(judge, how):
    """A notification with no new ticket and no open gate (a spurious wake-up) lets nobody through."""
    seen = run(judge, notify_without_release, 3, how)
    assert_waiters_behaved(seen)
    assert seen["passed"] == 0, M.SPURIOUS_PASSED.format(how=how, passed=seen["passed"], waiters=3)


@pytest.mark.parametrize(
    "timeout",
    [pytest.param(0, id="zero"), pytest.param(SHORT, id="short")],
)
def test_timed_out_wait_returns_false_and_consumes_nothing(judge, timeout):
    """gate.wait(timeout) with nothing released returns False once the timeout runs out, and leaves tickets at 0."""
    seen = run(judge, wait_with_nothing_released, timeout)
    assert_waiters_behaved(seen, may_time_out=True)
    ignored = M.ZERO_TIMEOUT_IGNORED if seen["timeout"] == 0 else M.TIMEOUT_IGNORED
    assert not seen["still_waiting"], ignored.format(timeout=seen["timeout"], seconds=seen["seconds"])
    assert seen["values"] == [False], M.TIMEOUT_NOT_FALSE.format(timeout=seen["timeout"], value=seen["values"][0])
    assert seen["tickets"] == 0, M.TIMEOUT_CONSUMED.format(timeout=seen["timeout"], tickets=seen["tickets"])


def test_wait_after_an_empty_wake_up_keeps_its_deadline(judge):
    """After a wake-up with nothing for it, gate.wait(timeout) sleeps again only for the time that is left."""
    seen = run(judge, empty_wake_up)
    assert_waiters_behaved(seen)
    assert seen["passed"] == 0, M.SPURIOUS_PASSED.format(how="notify", passed=seen["passed"], waiters=1)
    timeouts = seen["timeouts"]
    for first, then in zip(timeouts, timeouts[1:]):
        if first is not None:
            assert then is not None and then < first, M.DEADLINE_RESTARTED.format(
                timeout=seen["timeout"], first=first, then=then
            )


def test_state_changes_while_holding_the_condition(judge):
    """Every write of gate.tickets and gate.opened happens while the writing thread holds gate.condition."""
    seen = run(judge, release_one_then_all)
    assert_waiters_behaved(seen)
    for function, name, value, held in seen["writes"]:
        assert held, M.STATE_OUTSIDE_LOCK.format(function=function, name=name, value=value)


def test_release_all_calls_notify_all(judge):
    """release_all() wakes the waiters with notify_all(), not with the deprecated notifyAll()."""
    seen = run(judge, release_one_then_all)
    assert_waiters_behaved(seen)
    assert not seen["deprecated"], M.DEPRECATED_NOTIFYALL


def test_script_runs_its_demo(judge):
    """The file defines its API, and `python gate.py` runs any demo it has to the end."""
    judge.check_api("Gate")
    judge.run_demo()
