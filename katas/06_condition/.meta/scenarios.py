"""Scenarios of kata 06 (Condition), run in the judge's child against the student's `gate.py`.

Every scenario makes a `Scene`: a gate whose `condition` is replaced, before anyone waits, by a
`RecordingCondition` over a `TrackedLock` (behaving as a plain Lock for its holder when the
gate's own condition was not re-entrant). It knows which thread holds it, how many threads sleep
in it and how many wake-ups are still on their way, and announces each change on the MONITOR. So
a scenario waits until the gate has *settled* (no wake-up in flight, every waiter either asleep
in the condition or returned from `gate.wait`) and only then counts who passed: no sleeps, and
no guessing how long a thread needs.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
import traceback
from pathlib import Path

from katakit.instruments import (
    MONITOR,
    RecordingCondition,
    Runner,
    TrackedLock,
    bubble,
    is_reentrant,
    observed,
    pass_time,
    plain,
    seconds,
)

#: Seconds a waiter waits: longer than any wait of a scenario, shorter than the judge's deadline.
LONG = 1.5
#: Seconds of a wait with nothing ever released: it must run out its timeout.
SHORT = 0.05  # blocked-wait
#: Seconds a wait may end after gate.wait()'s deadline: one computed a moment after gate.wait()
#: was called (after a wait(0), say) is still that deadline; a restarted timeout overshoots SHORT.
LATE = SHORT / 10
#: Seconds a scenario waits for a state that a correct gate reaches at once.
SETTLE = 1.0
#: Seconds the wall clock is set back while a waiter waits: an hour, as a clock change.
SET_BACK = 3600.0
#: The state the tests watch being written.
STATE = ("tickets", "opened")


def recording_gate(gate_module, scene: Scene):
    """A subclass of the student's Gate whose writes of tickets and opened are recorded."""

    class RecordingGate(gate_module.Gate):
        def __setattr__(self, name, value):
            if name in STATE and getattr(self, "condition", None) is scene.condition:
                writer = sys._getframe(1).f_code.co_name
                scene.writes.append((writer, name, plain(value), scene.condition.held_by_me()))
            super().__setattr__(name, value)

    return RecordingGate


def student_site(exc: BaseException, student_file: str) -> tuple[str, int, str, str] | None:
    """Where in the student's file `exc` was raised: ("gate.py", 12, "wait", line), or None."""
    mine = Path(student_file).resolve()
    frames = [
        f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).resolve() == mine
    ]
    if not frames:
        return None
    f = frames[-1]
    return mine.name, f.lineno, f.name, (f.line or "").strip()


class HoldingLock(TrackedLock):
    """A TrackedLock that, while `held_for` names a thread, makes every other thread wait before
    it takes the lock, in acquire() and after a wait() alike (or until nothing else can happen):
    so a waiter woken meanwhile gets the condition back only once that thread is done."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.held_for: threading.Thread | None = None

    @contextlib.contextmanager
    def held(self):
        """While the block runs, hold every other thread back from the lock."""
        with MONITOR.changing():
            self.held_for = threading.current_thread()
        try:
            yield
        finally:
            with MONITOR.changing():
                self.held_for = None

    def hold_back(self) -> None:
        if self.held_for not in (None, threading.current_thread()):
            MONITOR.wait_until(lambda: self.held_for is None, seconds(SETTLE))

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        self.hold_back()
        return super().acquire(blocking, timeout)

    def _acquire_restore(self, state: tuple) -> None:
        self.hold_back()
        super()._acquire_restore(state)


class Scene:
    """A gate with a RecordingCondition in place, and the waiter threads a scenario starts on it.

    A scenario starts waiters and acts (release_one, release_all, a bare notify); each action
    is preceded and followed by `settle()`. Once something is wrong for good (a waiter that
    never settles, a condition left held), the scene stops acting, so the scenario still ends
    with an observation before the judge's deadline.
    """

    def __init__(self, gate_module, lock_type: type[TrackedLock] = TrackedLock) -> None:
        self.condition = object()  # not the gate's yet: the writes of __init__ are not recorded
        self.writes: list[tuple[str, str, object, bool]] = []
        self.gate = recording_gate(gate_module, self)()
        reentrant = is_reentrant(self.gate.condition)
        lock = lock_type(threading.RLock(), reentrant=reentrant, name="gate.condition")
        self.condition = RecordingCondition(lock)
        self.gate.condition = self.condition
        self.student_file = gate_module.__file__
        self.runner = Runner()
        # (thread, "returned", value) or (thread, "raised", (error, student_site))
        self.outcomes: list[tuple[str, str, object]] = []
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
        """Start `count` threads that each call gate.wait(`timeout` scaled), or gate.wait()
        when `timeout` is None."""
        if self.stopped:
            return
        self.timeout = None if timeout is None else seconds(timeout)
        for _ in range(count):
            self.runner.start(f"waiter-{len(self.runner.threads)}", self.pass_gate, self.timeout)

    def pass_gate(self, timeout: float | None) -> None:
        try:
            passed = self.gate.wait() if timeout is None else self.gate.wait(timeout)
            outcome = ("returned", plain(passed))
        except Exception as exc:  # the student's exception is an observation
            error = traceback.format_exception_only(type(exc), exc)[-1].strip()
            outcome = ("raised", (error, student_site(exc, self.student_file)))
        if self.condition.held_by_me():
            self.left_held.append(("wait", threading.current_thread().name))
        with MONITOR.changing():
            self.outcomes.append((threading.current_thread().name, *outcome))

    def values(self) -> list[object]:
        return [value for _, kind, value in self.outcomes if kind == "returned"]

    def passed(self) -> int:
        return sum(1 for _, kind, value in self.outcomes if kind == "returned" and value is True)

    # waiting for the gate

    def is_settled(self) -> bool:
        c = self.condition
        return c.pending == 0 and c.waiting + len(self.outcomes) == len(self.runner.threads)

    def settle(self) -> None:
        """Wait until no wake-up is in flight and every waiter sleeps in the condition or has
        returned."""
        if self.stopped:
            return
        with MONITOR:
            if not MONITOR.wait_for(self.is_settled, seconds(SETTLE)):
                c = self.condition
                running = len(self.runner.threads) - len(self.outcomes) - c.waiting
                self.unsettled = running + c.pending

    def all_returned(self) -> bool:
        """Wait until every waiter has returned from gate.wait(); False if one has not in time."""
        return MONITOR.wait_until(lambda: len(self.outcomes) == len(self.runner.threads), SETTLE)

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

    def closed_by(self) -> str | None:
        """The function that set gate.opened back to a false value once it was true, or None."""
        opened = False
        for function, name, value, _ in self.writes:
            if name == "opened" and opened and not value:
                return function
            opened = opened or (name == "opened" and bool(value))
        return None

    # the end

    def report(self, **seen: object) -> dict:
        """The observations, then the gate opened by the scene itself and every waiter joined."""
        errors = [(thread, *value) for thread, kind, value in self.outcomes if kind == "raised"]
        seen.update(
            waiters=len(self.runner.threads),
            timeout=self.timeout,
            early=self.early or 0,
            early_false=self.early_false,
            unsettled=self.unsettled,
            seconds=seconds(SETTLE),
            left_held=sorted(self.left_held),
            errors=sorted(errors),
            values=self.values(),
            writes=list(self.writes),
        )
        observed()
        # Not through release_all: a test of release_one must not depend on it. Opened again as
        # long as that lets more waiters out (a wait() that closes the gate lets one at a time).
        while not self.stopped and len(self.outcomes) < len(self.runner.threads):
            returned = len(self.outcomes)
            with self.condition:
                self.gate.opened = True
                self.condition.notify_all()
            self.settle()
            if len(self.outcomes) == returned:
                break
        if not self.stopped and len(self.outcomes) == len(self.runner.threads):
            self.runner.join()
        return seen


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
    """`releases` release_one() calls with nobody waiting, then `waiters` threads wait. A
    gate.wait(0) is awaited until it returns: inside its condition.wait(0) it only looks asleep."""
    scene = Scene(gate_module)
    for _ in range(releases):
        scene.act("release_one")
    tickets = scene.tickets()
    scene.start_waiters(waiters, timeout)
    if timeout == 0:
        scene.all_returned()
    else:
        scene.settle()
    return scene.report(tickets=tickets, passed=scene.passed(), after=scene.tickets())


def releases_in_a_row(gate_module, waiters, releases):
    """`waiters` threads wait; then `releases` release_one() calls in a row, during which no
    waiter woken by one of them gets the condition back: when a call comes, the waiters the
    calls before it woke have not taken their tickets yet. The tickets are read after the last
    call, before any waiter can take one, and again at the end."""
    scene = Scene(gate_module, HoldingLock)
    scene.start_waiters(waiters)
    lock = scene.condition.lock
    counted = []

    def in_a_row() -> None:
        with lock.held():
            for _ in range(releases):
                scene.gate.release_one()
            counted.append(scene.tickets())

    scene.act("release_one", in_a_row)
    return scene.report(
        tickets=counted[0] if counted else None, passed=scene.passed(), after=scene.tickets()
    )


def late_comer_takes_the_ticket(gate_module, waiters):
    """`waiters` threads wait with no timeout; release_one(), and before the waiter it woke gets
    the condition back (a HoldingLock keeps it), a thread coming later calls gate.wait(0); then
    one release_one() per waiter. What the late comer's wait(0) returned, who passed, and the
    tickets left."""
    scene = Scene(gate_module, HoldingLock)
    scene.start_waiters(waiters, None)
    lock = scene.condition.lock
    late = []

    def then_a_late_comer() -> None:
        with lock.held():
            scene.gate.release_one()
            late.append(plain(scene.gate.wait(0)))

    scene.act("release_one", then_a_late_comer)
    for _ in range(waiters):
        scene.act("release_one")
    return scene.report(
        late=late[0] if late else None, passed=scene.passed(), tickets=scene.tickets()
    )


def notified_as_time_runs_out(gate_module):
    """waiter-0 calls gate.wait(SHORT), then waiter-1 gate.wait(); waiter-0's time runs out, and
    before it gets the condition back (a HoldingLock keeps it) release_one() comes, whose
    notify() picks waiter-0, first in line: its wait() returns False, notified all the same."""
    scene = Scene(gate_module, HoldingLock)
    scene.start_waiters(1, SHORT)
    scene.settle()
    scene.start_waiters(1, None)
    scene.settle()
    lock = scene.condition.lock

    def as_time_runs_out() -> None:
        with lock.held():
            pass_time(SHORT * 1.5)  # past waiter-0's deadline, well before its hold ends
            scene.gate.release_one()

    scene.act("release_one", as_time_runs_out)
    return scene.report(passed=scene.passed(), tickets=scene.tickets())


def holding(scene: Scene, thread: str) -> bubble.Hold:
    """Have the thread named `thread` held right after it first lets go of gate.condition
    completely, other than to sleep in it, until the Hold's `resume` is set: another thread can
    take the condition in between (`bubble.Bubble.hold_after_release`, on the lock the
    condition's TrackedLock wraps)."""
    return bubble.BUBBLE.hold_after_release(scene.condition.lock._lock, thread, seconds(SETTLE))


def two_waiters_one_ticket(gate_module):
    """release_one() with nobody waiting; waiter-0 comes and is held as soon as it first lets go
    of the condition; waiter-1 comes and settles (asleep in the condition or returned); then
    waiter-0 goes on."""
    scene = Scene(gate_module)
    scene.act("release_one")
    hold = holding(scene, "waiter-0")
    scene.start_waiters(1)
    MONITOR.wait_until(lambda: hold.held or scene.outcomes, SETTLE)
    scene.start_waiters(1)
    MONITOR.wait_until(
        lambda: scene.condition.waiting + len(scene.outcomes) == 1 + (not hold.held), SETTLE
    )
    hold.resume.set()
    scene.settle()
    return scene.report(passed=scene.passed(), after=scene.tickets())


def release_between_look_and_sleep(gate_module):
    """waiter-0 calls gate.wait() and is held as soon as it first lets go of the condition other
    than by sleeping in condition.wait() (after a look, say); release_one() comes meanwhile; then
    waiter-0 goes on."""
    scene = Scene(gate_module)
    hold = holding(scene, "waiter-0")
    scene.start_waiters(1, None)
    MONITOR.wait_until(lambda: hold.held or scene.condition.waiting or scene.outcomes, SETTLE)
    paused = hold.held
    scene.gate.release_one()
    hold.resume.set()
    scene.settle()
    return scene.report(passed=scene.passed(), paused=paused, tickets=scene.tickets())


def woken_before_release_returns(gate_module):
    """waiter-0 sleeps in gate.wait(); release_one() runs in a thread of its own, which is held
    as soon as it first lets go of the condition; waiter-0, woken or not, settles; then
    release_one() goes on to its end."""
    scene = Scene(gate_module)
    scene.start_waiters(1, None)
    scene.settle()
    hold = holding(scene, "release_one")
    releaser = Runner(catch=False)
    releaser.start("release_one", scene.gate.release_one)
    MONITOR.wait_until(lambda: hold.held or not releaser.threads[0].is_alive(), SETTLE)
    scene.settle()
    hold.resume.set()
    releaser.join(SETTLE)
    scene.settle()
    return scene.report(passed=scene.passed(), tickets=scene.tickets())


def release_all_with_waiters(gate_module, present, future):
    """`present` threads wait, release_all(), then `future` threads wait."""
    scene = Scene(gate_module)
    scene.start_waiters(present)
    scene.act("release_all")
    present_passed = scene.passed()
    scene.start_waiters(future)
    scene.settle()
    return scene.report(
        present=present_passed, future=scene.passed() - present_passed, closed_by=scene.closed_by()
    )


def open_gate_with_a_ticket(gate_module, waiters):
    """release_one(), release_all(), then `waiters` threads wait."""
    scene = Scene(gate_module)
    scene.act("release_one")
    scene.act("release_all")
    before = scene.tickets()
    scene.start_waiters(waiters)
    scene.settle()
    return scene.report(
        passed=scene.passed(), before=before, after=scene.tickets(), closed_by=scene.closed_by()
    )


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


def empty_wake_up(gate_module, set_back=0):
    """One thread calls gate.wait(LONG); SHORT seconds pass; a bare notify() wakes it with nothing
    released, so its wait has LONG - SHORT seconds left. Each condition.wait() it sleeps in is
    recorded as (seconds since gate.wait() was called, its timeout). With `set_back`, the wall
    clock is set back that many seconds just before the wake-up, as a user or NTP may set it: a
    deadline from time.time() moves with it, one from time.monotonic() does not."""
    scene = Scene(gate_module)
    waits: list[tuple[float, float | None]] = []
    recording_wait = scene.condition.wait

    def timed_wait(timeout=None):
        waits.append((time.monotonic() - start, timeout))
        return recording_wait(timeout)

    def wake():
        pass_time(SHORT)
        bubble.BUBBLE.set_wall_clock_back(set_back)
        with scene.condition:
            scene.condition.notify()

    scene.condition.wait = timed_wait
    start = time.monotonic()
    scene.start_waiters(1)
    scene.act("notify", wake)
    return scene.report(passed=scene.passed(), waits=list(waits), bare="notify")


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


def all_at_once(gate_module, before, waiters, releases, opens, timeout):
    """release_one() `before` times; then, all started at once, `waiters` threads each calling
    gate.wait(timeout), `releases` threads each calling release_one() and `opens` threads each
    calling release_all(). What each wait returned, and the tickets left. No scene: the gate
    keeps its own condition, so that the threads switching between the instructions of gate.py
    (the rule's `switching`) come between everything it does."""
    gate = gate_module.Gate()
    for _ in range(before):
        gate.release_one()
    values: list[object] = []

    def wait() -> None:
        passed = gate.wait(timeout)
        with MONITOR.changing():
            values.append(plain(passed))

    calls = [
        ("waiter", wait, waiters),
        ("releaser", gate.release_one, releases),
        ("opener", gate.release_all, opens),
    ]
    threads = [
        threading.Thread(target=target, name=f"{role}-{i}", daemon=True)
        for role, target, count in calls
        for i in range(count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    observed()
    return {"values": values, "tickets": plain(gate.tickets)}
