"""The bubble: a judge child's threads under one scheduler, whose clock moves only when nothing
else can happen.

The model is Go's ``testing/synctest`` (a fake clock that advances only when every goroutine in
the bubble is durably blocked) and trio's ``MockClock(autojump_threshold=0)``. One thread of the
bubble runs at a time: it holds the bubble's turn until it waits or ends, and the turn then goes to
the thread that has been ready longest (woken, started, or its timeout come). So the threads
interleave at the bubble's blocking points only, in the same order on every run and machine,
whatever the OS scheduler and the interpreter's thread switching do. Once `install`ed,
before the student's module is imported, every blocking point the thread katas reach goes through
one `Bubble`: ``threading.Lock`` and ``RLock`` (replaced), ``Condition.wait``/``notify`` (patched
in place, so every Condition, and the Event, Semaphore, BoundedSemaphore, Barrier and
``queue.Queue`` built on it), ``Thread.start``/``join``, ``queue.SimpleQueue``, ``time.sleep`` and
the clocks (``time.monotonic``, ``time.time``, ``time.perf_counter`` and their ``_ns`` forms,
``time.clock_gettime`` of the monotonic and real-time clocks, ``threading._time``,
``queue.time``). So the bubble knows, at every moment, which threads run
and which wait, on what, and until when:

- when every thread waits and some wait has a timeout, virtual time jumps to the earliest one:
  a ``wait(5)`` or a ``sleep(1)`` costs nothing real;
- when every thread waits and none has a timeout, that is a deadlock, reported at once with who
  holds what and who waits for what (`on_stuck`);
- a wait that does not wait (a timeout of 0, nothing ready) moves the clock by a nanosecond
  (`TICK`), as a real clock moves on between two looks;
- a thread that never blocks (a busy loop) is judged by the CPU time the process spends, not by
  the clock: a watchdog thread outside the bubble reports it as spinning, with where it runs;
- a thread that sleeps and looks again while another thread waits, and nothing else happens (a
  poll), is judged by how many times in a row the clock moved for nothing but its sleep
  (`POLL_LIMIT`): counted, so the same on every machine, and long before it could spend the
  CPU time of a spin.

Blocking the bubble cannot see (a C call: a pipe, a socket, a lock made before `install`) counts
as running; the judge's own deadline still ends it.

The bubble also keeps the last steps of the student's code (acquire, release, wait, notify,
put, get, start, join, sleep, and entering and leaving the student's functions), each with the
line of the student's file it came from, so a failing test can show how the threads
interleaved.

Its reports are the judge's texts (``katakit/judge/texts.toml``), each able to say itself in every
language; they are made only when something is wrong, never on a step or a wait.
"""

from __future__ import annotations

import _thread
import collections
import functools
import itertools
import linecache
import math
import os
import queue
import random
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from multiprocessing import synchronize
from pathlib import Path
from typing import Any, Callable

from katakit import i18n

#: The real functions, before `install` replaces them.
REAL_MONOTONIC = time.monotonic
REAL_TIME = time.time
REAL_PERF_COUNTER = time.perf_counter
REAL_PROCESS_TIME = time.process_time
REAL_CLOCK_GETTIME = getattr(time, "clock_gettime", None)
REAL_CLOCK_GETTIME_NS = getattr(time, "clock_gettime_ns", None)
REAL_LOCK = _thread.allocate_lock
REAL_SEMAPHORE_INIT = threading.Semaphore.__init__
REAL_THREAD_START = threading.Thread.start
REAL_BOOTSTRAP_INNER = threading.Thread._bootstrap_inner
REAL_THREAD_JOIN = threading.Thread.join

#: Virtual seconds a wait that does not wait (a timeout of 0 or less, not ready) takes: a
#: nanosecond, as on a real clock, which has moved on by the next look. So a loop such as
#: ``while True: left = end - monotonic(); if left < 0: return False; cond.wait(left)``
#: gives up after its wait(0), as it does on a real clock, instead of spinning on a clock that
#: stands still while a thread runs.
TICK = 1e-9
#: How many of the student's last steps the bubble keeps.
KEPT_STEPS = 200
#: How many times in a row the clock may jump to the end of a sleep, while some other thread
#: waits, with no thread woken for another reason (nothing released, set, put or notified; no
#: thread started or ended), before the bubble reports a poll. The scenarios pass time a few
#: dozen times at most between two changes; a thousand looks cost a tenth of the spin limit's
#: CPU time or less. A timed wait on an object (a join, a condition, a queue) that runs out
#: is no look: it waits for the right thing, and looping on it is judged by the CPU time.
POLL_LIMIT = 1000
#: How many of the bubble's blocking calls (an acquire, a wait, a get...) a thread may make in one
#: turn, none of which waited, before the turn goes to the next ready thread: so a loop that
#: looks again and again without waiting (a non-blocking acquire retried) lets the others run,
#: as a real thread is switched out, but after a count, not after a time.
SLICE = 100
#: Seconds between two looks of the watchdog (real time).
WATCH_EVERY = 0.005
#: CPU seconds the process must spend between two looks for the watchdog to count it as
#: running (more than the watchdog's own look costs).
MOVED_CPU = 0.001
#: The place of a step the test made (on an object standing in for the student's).
TEST_SITE = "test"
#: The text of the mark `Bubble.observed` leaves among the steps.
OBSERVED = "(observed)"
#: The files whose frames are the bubble's own machinery, never a step's place.
MACHINERY = {__file__, threading.__file__, queue.__file__}

#: The bubble of this process, once installed.
BUBBLE: Bubble | None = None


@dataclass
class Wait:
    """What a parked thread waits for: `ready()` true, or virtual time `deadline`."""

    ready: Callable[[], object]
    deadline: float | None
    obj: object
    what: Callable[[], str]  # what it waits for, in a report (made only then)
    site: str  # where in the student's file, "" when not called from it


class Member:
    """A thread of the bubble."""

    def __init__(self, thread: threading.Thread) -> None:
        self.thread = thread
        self.ident: int | None = None
        self.parked = False
        self.finished = False
        self.wait: Wait | None = None
        self.to_sleep = False  # letting go of a lock to sleep in a Condition's wait()
        self.begun = False  # has run the student's code since `switch_threads`
        self.at_start_line = False  # see Bubble.wait_at_start_line
        self.delay = 0  # turns to let go by before its first instruction (Switching.stagger)
        self.park = REAL_LOCK()
        self.park.acquire()

    @property
    def name(self) -> str:
        return self.thread.name


@dataclass(frozen=True)
class Step:
    """One step of the student's code: which thread did what, and where in the student's file."""

    thread: str
    text: str
    site: str


@dataclass
class Hold:
    """A thread to hold right after it lets go of a lock (see `Bubble.hold_after_release`)."""

    thread: str
    resume: threading.Event
    timeout: float
    held: bool = False


@dataclass(frozen=True)
class Switching:
    """How the threads switch besides where they wait (see `switch_threads`): at every
    instruction of the student's code, in step (no seed), the k-th thread to leave the start line
    first letting k * `stagger` turns go by; or where a coin of `seed` says, at about half of
    them. Or, `after_releases`, right after each time the student's code lets go of a lock."""

    seed: int | None = None
    stagger: int = 0
    after_releases: bool = False

    def __str__(self) -> str:
        if self.after_releases:
            return "after-releases"
        if self.seed is not None:
            return f"coin-{self.seed}"
        return f"staggered-{self.stagger}" if self.stagger else "in-step"


class Stuck(Exception):
    """Raised (never caught) in the thread that found the bubble stuck, after `on_stuck` ran."""


class Bubble:
    """The scheduler of one process's threads and its virtual clock (see the module docstring)."""

    def __init__(
        self,
        student: Path | None,
        on_stuck: Callable[[str, str], None],
        spin_limit: float = 1.0,
        block_limit: float = 2.0,
    ) -> None:
        self.mutex = REAL_LOCK()
        self.student = str(student.resolve()) if student else None
        self.student_name = student.name if student else None
        self.on_stuck = on_stuck
        self.spin_limit = spin_limit
        self.block_limit = block_limit
        self.now = 0.0
        # Whole seconds, rounded up (no clock goes back): a whole base plus a whole number of
        # virtual seconds is exact, so `time.monotonic() - start` around a sleep(100) is 100.0
        # on any machine. From the real value, the difference came out 100.00000000000364 or
        # 100.0, depending on the machine's uptime.
        self.base_monotonic = float(math.ceil(REAL_MONOTONIC()))
        self.base_time = float(math.ceil(REAL_TIME()))
        self.base_perf = float(math.ceil(REAL_PERF_COUNTER()))
        # The thread that runs the test (a judge child's main thread), which the code under test
        # did not start; None where the code under test runs in the main thread (a script).
        self.test: threading.Thread | None = None
        self.members: dict[int, Member] = {}  # by ident, once running
        self.starting: list[Member] = []  # started, not running yet
        self.by_thread: dict[int, Member] = {}  # by id(thread)
        self.runnable = 0
        #: The member whose turn it is (the only one that runs), and those ready for a turn, in
        #: the order they got ready.
        self.holder: Member | None = None
        self.ready: collections.deque[Member] = collections.deque()
        self.calls_this_turn = 0
        self.events = 0  # parks and wake-ups so far
        self.idle_jumps = 0  # ends of sleeps since a thread was woken by a change, started or ended
        self.exempt = 0  # threads of the bubble's own (the watchdog)
        self.steps: collections.deque[Step] = collections.deque(maxlen=KEPT_STEPS)
        self.labels: dict[int, str] = {}
        self.origins: dict[int, tuple[str, str]] = {}  # (label, where made) of objects `made`
        self.quiet: set[int] = set()  # ids of the instruments' own objects: their steps are not shown
        self.named: set[int] = set()  # ids of objects named for the student: the test's steps too
        self.numbers = itertools.count(1)
        #: (thread, "Type: message", site in the student's file) of each thread that ended with
        #: an exception: a deadlock's report says them first.
        self.raised: list[tuple[str, str, str]] = []
        self.stuck = False
        self.calls = 0  # calls of the student's functions, in every thread
        self._student_files: dict[str, str] = {}  # by a code's file name: see is_student
        self.holds: dict[int, Hold] = {}  # by id(lock): see hold_after_release
        #: Threads whose run is over but which the interpreter may still count (see `finished`),
        #: and the real lock the watchdog waits on between two looks, released to wake it early.
        self.ending: list[threading.Thread] = []
        self.nudge = REAL_LOCK()
        self.nudge.acquire()
        self.start_line: list[Member] = []  # see wait_at_start_line
        #: Whether a thread switches at an instruction of the student's code (see
        #: `switch_threads`): always (None), or when this seeded coin says so.
        self.coin: random.Random | None = None
        self.stagger = 0  # see Switching
        self.after_releases = False  # see Switching
        #: By thread ident, how many multiprocessing locks and semaphores the thread holds (see
        #: `count_hidden_holds`).
        self.hidden_holds: collections.Counter[int] = collections.Counter()

    # --- members ------------------------------------------------------------------------------

    def current(self) -> Member:
        """The member of the calling thread (registering it, running, if it is new). Call with
        the mutex held; it makes no blocking call (threading.current_thread() could)."""
        ident = _thread.get_ident()
        member = self.members.get(ident)
        if member is None:
            thread = threading._active.get(ident) or threading.main_thread()
            member = Member(thread)
            member.ident = ident
            self.members[ident] = member
            self.by_thread[id(thread)] = member
            self.runnable += 1
        return member

    def running(self, thread: threading.Thread) -> Member:
        """The member of `thread`, which has just begun to run in the calling thread."""
        with self.mutex:
            member = self.by_thread[id(thread)]
            member.ident = _thread.get_ident()
            self.starting.remove(member)
            self.members[member.ident] = member
            return member

    def adding(self, thread: threading.Thread) -> Member:
        """A thread about to start: running from now on, as far as the bubble knows."""
        with self.mutex:
            member = Member(thread)
            self.by_thread[id(thread)] = member
            self.starting.append(member)
            self.runnable += 1
            self.idle_jumps = 0
            self.ready.append(member)
            return member

    def dropped(self, member: Member) -> None:
        """A thread whose start failed."""
        with self.mutex:
            if member in self.starting:
                self.starting.remove(member)
                self.runnable -= 1
            if member in self.ready:
                self.ready.remove(member)
            if self.holder is member:
                self.holder = None
                self.dispatch()
            self.by_thread.pop(id(member.thread), None)

    def finished(self, member: Member) -> None:
        """The calling thread's run is over: it runs no more; its joiners may go on.

        Until its OS thread has ended, the interpreter still counts it, as a thread the bubble
        does not know (`unknown_threads`), and `settle` cannot tell yet: the watchdog is woken to
        wait for that end and settle then, rather than at its next look."""
        with self.mutex:
            member.finished = True
            self.members.pop(member.ident, None)
            self.runnable -= 1
            self.events += 1
            self.idle_jumps = 0
            if self.holder is member:
                self.holder = None
            self.changed()
            self.dispatch()
            self.settle()
            self.ending.append(member.thread)
            if self.nudge.locked():
                self.nudge.release()

    def hold_after_release(self, lock: object, thread: str, timeout: float) -> Hold:
        """Hold the thread named `thread` right after it first lets go of `lock` completely,
        other than to sleep in a Condition's wait() (after a look, say), until the Hold's
        `resume` is set, at most `timeout` seconds: so another thread can take the lock in
        between. The Hold's `held` says whether it was held. Call it in the bubble."""
        hold = Hold(thread, threading.Event(), timeout)
        self.holds[id(lock)] = hold
        return hold

    def released(self, lock: object) -> None:
        """The calling thread has let go of `lock` completely: hold it if asked to; hand the turn
        on if the threads switch after releases and the student's code let it go."""
        if self.after_releases and self.released_by_student(sys._getframe(2)):
            with self.mutex:
                me = self.current()
                if self.holder is me and not me.to_sleep:
                    self.pass_turn(me)
        hold = self.holds.get(id(lock))
        if hold is None or hold.held:
            return
        with self.mutex:
            member = self.current()
        if member.name != hold.thread or member.to_sleep:
            return
        from katakit.instruments.monitor import MONITOR

        with MONITOR.changing():
            hold.held = True
        hold.resume.wait(hold.timeout)

    def released_by_student(self, frame) -> bool:
        """Whether the release that called `frame` (in this module) came right from the student's
        code: a lock's or a Condition's own release or ``with`` block, not a release inside
        threading's Event, Semaphore or Thread.start that the student's code called."""
        while frame is not None and frame.f_code.co_filename == __file__:
            frame = frame.f_back
        if frame is not None and frame.f_code.co_filename == threading.__file__:
            if frame.f_code.co_name == "__exit__":  # Condition.__exit__, of the student's `with`
                frame = frame.f_back
        return frame is not None and bool(self.is_student(frame.f_code))

    def unknown_threads(self) -> bool:
        """Whether some thread this process runs is not the bubble's (nor the watchdog): it may
        still change what the bubble's threads wait for."""
        return _thread._count() > len(self.members) + len(self.starting) - 1 + self.exempt

    def switch(self) -> None:
        """The calling thread, at an instruction of the student's code (see `switch_threads`),
        hands the turn to the thread ready longest, if any, and waits for its next turn; at its
        first such instruction, it waits at the start line."""
        with self.mutex:
            me = self.members.get(_thread.get_ident())
            if me is None or self.holder is not me:
                return
            if not me.begun:
                me.begun = True
                self.wait_at_start_line(me)
                return
            if self.hidden_holds[me.ident]:
                return  # another thread handed the turn could block where the bubble cannot see
            while me.delay > 0 and self.ready:
                me.delay -= 1
                self.pass_turn(me)
            if self.ready and (self.coin is None or self.coin.random() < 0.5):
                self.pass_turn(me)

    def wait_at_start_line(self, me: Member) -> None:
        """Park `me`, at its first step of the student's code, until nothing else can happen:
        the threads a thread starts then begin together, in the order they were started, as
        if started at once. Mutex held."""
        me.wait = Wait(lambda: not me.at_start_line, None, None, str, "")
        me.at_start_line = True
        self.start_line.append(me)
        try:
            while me.at_start_line:
                self.park(me)
        finally:
            me.wait = None

    # --- blocking -----------------------------------------------------------------------------

    def block(
        self,
        ready: Callable[[], object],
        timeout: float | None,
        *,
        take: Callable[[], Any] | None = None,
        obj: object = None,
        what: Callable[[], str] = str,
    ) -> tuple[bool, Any]:
        """Wait until `ready()` (checked under the mutex), at most `timeout` virtual seconds
        (None: no limit; 0 or less: do not wait; more than threading.TIMEOUT_MAX: OverflowError,
        as from the real waits). When ready, `take()` runs under the mutex too; returns (whether
        it got ready, what take returned). `what()` says what it waits for, in a report."""
        if timeout is not None and timeout > threading.TIMEOUT_MAX:
            raise OverflowError("timeout value is too large")  # as every real wait raises
        site = self.site()
        with self.mutex:
            me = self.current()
            self.calls_this_turn += 1
            if self.calls_this_turn > SLICE:
                self.pass_turn(me)
            if ready():
                return True, take() if take else None
            if timeout is not None and timeout <= 0:
                self.now += TICK  # a look that found nothing: a real clock moves on meanwhile
                self.pass_turn(me)  # and the others run meanwhile
                return False, None
            deadline = None if timeout is None else self.now + timeout
            me.wait = Wait(ready, deadline, obj, what, site)
            try:
                while True:
                    self.park(me)
                    if ready():
                        return True, take() if take else None
                    if deadline is not None and self.now >= deadline:
                        return False, None
            finally:
                me.wait = None

    def park(self, me: Member) -> None:
        """Park the calling member until woken (with the mutex held on entry and on return)."""
        me.parked = True
        self.runnable -= 1
        self.events += 1
        if self.holder is me:
            self.holder = None
        self.dispatch()
        self.settle()
        self.wait_for_turn(me)

    def wake(self, member: Member) -> None:
        """`member` may go on: it is ready, and runs once it has the turn. Mutex held."""
        if member.parked:
            member.parked = False
            self.runnable += 1
            self.events += 1
            self.ready.append(member)
            self.dispatch()

    def dispatch(self) -> None:
        """If no member has the turn, give it to the one ready longest. Mutex held."""
        if self.holder is None and self.ready:
            self.holder = self.ready.popleft()
            self.calls_this_turn = 0
            self.holder.park.release()

    def pass_turn(self, me: Member) -> None:
        """If another member is ready, give it the turn, and wait for the next one (mutex held
        on entry and on return); else go on."""
        if self.holder is not me or not self.ready:
            self.calls_this_turn = 0
            return
        self.ready.append(me)
        self.holder = None
        self.dispatch()
        self.wait_for_turn(me)

    def wait_for_turn(self, me: Member) -> None:
        """Wait until `dispatch` gives `me` the turn, the mutex released meanwhile (held on entry
        and on return)."""
        self.mutex.release()
        try:
            me.park.acquire()
        finally:
            self.mutex.acquire()

    def take_turn(self, member: Member) -> None:
        """Wait, in a thread that has just begun to run, until it is `member`'s turn."""
        member.park.acquire()

    def changed(self) -> None:
        """Something a parked thread may wait for changed: wake those now ready. Mutex held."""
        for member in list(self.members.values()):
            if member.parked and member.wait is not None and member.wait.ready():
                self.idle_jumps = 0
                self.wake(member)

    def settle(self) -> None:
        """If every thread of the bubble waits: jump the clock to the earliest timeout (or, after
        POLL_LIMIT jumps with nothing else happening, report the poll), or, if none has one,
        report the deadlock. Mutex held."""
        if self.runnable or self.stuck or self.unknown_threads():
            return
        if self.start_line:
            for place, member in enumerate(self.start_line):
                member.at_start_line = False
                member.delay = place * self.stagger
                self.wake(member)
            self.start_line.clear()
            return
        parked = [m for m in self.members.values() if m.parked]
        if not parked:
            return
        deadlines = [m.wait.deadline for m in parked if m.wait and m.wait.deadline is not None]
        if deadlines:
            self.now = max(self.now, min(deadlines))
            due = [
                m for m in parked
                if m.wait and m.wait.deadline is not None and m.wait.deadline <= self.now
            ]
            # A sleep while no other thread waits is no poll: there is nothing to look for.
            if len(due) < len(parked) and all(m.wait.obj is None for m in due):
                self.idle_jumps += 1
            if self.idle_jumps >= POLL_LIMIT:
                self.stuck = True
                self.on_stuck("poll", self.poll_report(due))
                raise Stuck("poll")
            for member in due:
                self.wake(member)
            return
        self.stuck = True
        self.on_stuck("deadlock", self.deadlock_report(parked))
        raise Stuck("deadlock")

    # --- the student's steps ------------------------------------------------------------------

    def is_student(self, code) -> str:
        """The student file's name if `code` is the student's, else ""."""
        filename = code.co_filename
        known = self._student_files.get(filename)
        if known is None:
            # The student's module is imported from a file of its own name (a link, maybe): a file
            # of another name is not it, with no need to resolve its links.
            mine = (
                self.student is not None
                and os.path.basename(filename) == self.student_name
                and os.path.realpath(filename) == self.student
            )
            known = self._student_files[filename] = Path(self.student).name if mine else ""
        return known

    def site(self, frame=None) -> str:
        """Where the calling code (or `frame`) is in the student's file ("reverse.py:31"), or ""."""
        frame = frame or sys._getframe(2)
        while frame is not None:
            name = self.is_student(frame.f_code)
            if name:
                return f"{name}:{frame.f_lineno}"
            frame = frame.f_back
        return ""

    def parked_wait(self, thread: threading.Thread | None) -> Wait | None:
        """What `thread` waits for now, if it is a thread of the bubble parked in a wait."""
        with self.mutex:
            member = self.by_thread.get(id(thread))
            return member.wait if member is not None and member.parked else None

    def waiting_for_locks_of(self, thread: threading.Thread) -> list[tuple[str, object]]:
        """Each thread parked waiting to take a Lock or RLock that `thread` holds, by name, with
        that lock."""
        with self.mutex:
            holder = self.by_thread.get(id(thread))
            return [
                (member.name, member.wait.obj)
                for member in self.members.values()
                if holder is not None
                and member.parked
                and member.wait is not None
                and isinstance(member.wait.obj, _BubbleLock)
                and member.wait.obj.owner is holder
            ]

    def set_wall_clock_back(self, seconds: float) -> None:
        """Set the virtual wall clock (time.time() and the real-time clocks) back by `seconds`,
        as a user or NTP may set a machine's clock: the monotonic clocks go on as they were."""
        with self.mutex:
            self.base_time -= seconds

    def observed(self) -> None:
        """The scenario has seen what it checks: the steps that follow (its own clearing up,
        the student's code reacting to it) are not the ones a failure shows."""
        self.steps.append(Step("", OBSERVED, ""))

    def shown_steps(self) -> list[Step]:
        """The steps a failure shows: those up to the scenario's last observation, if any."""
        steps = list(self.steps)
        marks = [i for i, step in enumerate(steps) if step.text == OBSERVED]
        return steps[: marks[-1]] if marks else steps

    def step(self, text: str, site: str | None = None, quiet: object = None) -> None:
        """Record a step of the calling thread if the student's code made it, or if it is on an
        object `name`d for the student (the test's own step then); never on the instruments'
        own objects (see `quieten`). `quiet` is the object the step is on."""
        if quiet is not None and id(quiet) in self.quiet:
            return
        site = self.site(sys._getframe(2)) if site is None else site
        if site or (quiet is not None and id(quiet) in self.named):
            self.steps.append(Step(threading.current_thread().name, text, site or TEST_SITE))

    def profile(self, frame, event: str, arg: object) -> None:
        """The profile function of the bubble's threads: the student's functions entered and
        left are steps."""
        if event not in ("call", "return") or not self.is_student(frame.f_code):
            return
        name = frame.f_code.co_name
        if name == "<module>":
            return
        site = f"{self.is_student(frame.f_code)}:{frame.f_lineno}"
        verb = "enter" if event == "call" else "leave"
        self.calls += event == "call"
        self.steps.append(Step(threading.current_thread().name, f"{verb} {name}()", site))

    def label(self, obj: object, kind: str) -> str:
        """What the reports call `obj`: its given label, else its kind and where it was made."""
        found = self.labels.get(id(obj))
        if found is None:
            found = f"{kind} #{next(self.numbers)}"
            self.labels[id(obj)] = found
        return found

    def made(self, obj: object, kind: str) -> None:
        """Name a new object after the line of the student's file that made it (through the
        instruments, maybe), else after the first line outside the machinery that made it."""
        frame = sys._getframe(2)
        site = self.site(frame)
        while not site and frame is not None and frame.f_code.co_filename in MACHINERY:
            frame = frame.f_back
        if not site and frame is not None:
            site = f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno}"
        label = f"{kind} #{next(self.numbers)}"
        self.origins.pop(id(obj), None)
        if site:
            self.origins[id(obj)] = (label, site)
            label = english("MADE_AT", label=label, site=site)
        self.labels[id(obj)] = label

    def waits_on(self, key: str, obj: object, kind: str) -> Callable[[], str]:
        """What a thread waits for, in a report: the judge's text `key` naming `obj` (labelled
        now; the text made only for a report)."""
        self.label(obj, kind)
        return lambda: said(key, label=self.described(obj, kind))

    def described(self, obj: object, kind: str) -> str:
        """What a report calls `obj`: its `label`, in every language."""
        origin = self.origins.get(id(obj))
        return said("MADE_AT", label=origin[0], site=origin[1]) if origin else self.label(obj, kind)

    def let_others_wait(self) -> None:
        """Let every other thread run until it waits or ends, the clock moving a nanosecond at
        most: what still runs then is left running, not a thread about to end."""
        if not self.stuck:
            self.block(lambda: False, TICK, what=functools.partial(said, "WAIT_SLEEP", seconds=TICK))

    def stuck_for_good(self) -> str:
        """When every thread but the calling one waits with no timeout (the code left them
        deadlocked), the report of who holds what and waits for what; else ""."""
        with self.mutex:
            me = self.current()
            others = [m for m in self.members.values() if m is not me]
            if not others or self.starting or self.start_line or self.unknown_threads():
                return ""
            if all(m.parked and m.wait and m.wait.deadline is None for m in others):
                return self.deadlock_report(others)
            return ""

    # --- reports ------------------------------------------------------------------------------

    def note_raised(self, args: threading.ExceptHookArgs) -> None:
        """A thread ended with an exception (threading.excepthook's `args`): kept for a
        deadlock's report, with the last line of the student's file it passed through."""
        site = ""
        tb = args.exc_traceback
        while tb is not None:
            name = self.is_student(tb.tb_frame.f_code)
            if name:
                site = f"{name}:{tb.tb_lineno}"
            tb = tb.tb_next
        error = traceback.format_exception_only(args.exc_type, args.exc_value)[-1].strip()
        with self.mutex:
            self.raised.append((args.thread.name if args.thread else "?", error, site))

    def deadlock_report(self, parked: list[Member]) -> i18n.Lines:
        """Who ended with an exception, who waits for what, who holds what, and the cycle if
        there is one."""
        lines = []
        for thread, error, site in self.raised:
            where = said("WAITING_AT", site=site, code=source(site, self.student)) if site else ""
            lines.append(said("ENDED_RAISING", thread=thread, error=error, where=where))
        waits_for: dict[str, str] = {}
        for member in parked:
            wait = member.wait
            lines.append(self.waits_line(member))
            if self.test is not None and wait.obj is self.test:
                lines.append(said("JOINS_THE_TEST", thread=wait.obj.name))
            holder = getattr(wait.obj, "owner", None)
            if holder is not None:
                taken = getattr(wait.obj, "taken_at", "")
                held = said("TAKEN_AT", site=taken) if taken else ""
                if holder is member:
                    lines.append(said("HOLDS_ITSELF", taken=held, kind=type(wait.obj).__name__))
                else:
                    lines.append(said("HELD_BY", holder=holder.name, taken=held))
                    waits_for[member.name] = holder.name
        cycle = find_cycle(waits_for)
        if cycle:
            lines.append(said("CYCLE", cycle=" -> ".join(cycle)))
        return i18n.Lines(lines, between=True)

    def spin_report(self, running: list[Member]) -> i18n.Lines:
        heading = said("SPIN_REPORT", limit=self.spin_limit)
        return i18n.Lines([heading, *self.running_lines(running, "RUNS_AT")], between=True)

    def poll_report(self, due: list[Member]) -> i18n.Lines:
        """The threads whose wait has just run out once more, and where they wait."""
        lines = [said("POLL_REPORT", count=POLL_LIMIT), *map(self.waits_line, due)]
        return i18n.Lines(lines, between=True)

    def waits_line(self, member: Member) -> i18n.Rendered:
        """A report's line on what `member` waits for, and where in the student's file."""
        wait = member.wait
        where = ""
        if wait.site:
            where = said("WAITING_AT", site=wait.site, code=source(wait.site, self.student))
        return said("WAITS", thread=member.name, what=wait.what(), where=where)

    def blocked_report(self, running: list[Member]) -> i18n.Lines:
        heading = said("BLOCKED_REPORT", limit=self.block_limit)
        return i18n.Lines([heading, *self.running_lines(running, "IN_A_CALL_AT")], between=True)

    def running_lines(self, running: list[Member], line: str) -> list[str]:
        """Where each running member is in the student's file (those that are there), and the
        innermost line outside the bubble's machinery when it is elsewhere: the judge's text
        `line` ("RUNS_AT") for each."""
        frames = sys._current_frames()
        in_student = {m.ident for m in running if m.ident in frames and self.site(frames[m.ident])}
        lines = []
        for member in sorted(running, key=lambda m: m.ident not in in_student):
            frame = frames.get(member.ident)
            while frame is not None and frame.f_code.co_filename in MACHINERY:
                frame = frame.f_back
            if frame is None:
                continue
            site = self.site(frame)
            if site:
                where = f"{site} ({source(site, self.student)})"
            else:
                file, function = Path(frame.f_code.co_filename).name, frame.f_code.co_name
                where = said("IN_FUNCTION", file=file, lineno=frame.f_lineno, function=function)
            lines.append(said(line, thread=member.name, where=where))
        return lines

    # --- the watchdog -------------------------------------------------------------------------

    def watch(self) -> None:
        """Outside the bubble: settle when every thread waits but the bubble could not tell yet
        (a thread it did not know was still ending); find threads that spin (the process has
        spent spin_limit seconds of CPU time: the bubble's clock cannot move while they run),
        or one stuck where the bubble cannot see (neither CPU time nor a wait or a wake-up for
        block_limit real seconds)."""
        start = last_cpu = REAL_PROCESS_TIME()
        events, since = -1, REAL_MONOTONIC()
        while not self.stuck:
            self.nudge.acquire(timeout=WATCH_EVERY)
            with self.mutex:
                ending, self.ending = self.ending, []
            for thread in ending:
                wait_until_ended(thread)
            with self.mutex:
                if self.stuck:
                    return
                cpu, real = REAL_PROCESS_TIME(), REAL_MONOTONIC()
                if self.events != events or cpu - last_cpu > MOVED_CPU or not self.runnable:
                    since = real
                events, last_cpu = self.events, cpu
                if not self.runnable:
                    try:
                        self.settle()
                    except Stuck:
                        return
                    continue
                running = [
                    m for m in self.members.values() if not m.parked and m not in self.ready
                ]
                if cpu - start > self.spin_limit:
                    self.stuck = True
                    self.on_stuck("spin", self.spin_report(running))
                elif real - since > self.block_limit:
                    self.stuck = True
                    self.on_stuck("blocked", self.blocked_report(running))


def wait_until_ended(thread: threading.Thread) -> None:
    """Wait until the OS thread of `thread`, whose run is over, has ended. Not by its join: called
    by the watchdog, a thread `threading` does not know, that would make the watchdog a dummy
    Thread, with an Event of bubble objects, whose first use would take it for a thread of the
    bubble."""
    handle = getattr(thread, "_handle", None)  # 3.13 and later
    if handle is not None:
        handle.join()
    else:
        thread._wait_for_tstate_lock()


def find_cycle(waits_for: dict[str, str]) -> list[str]:
    """A cycle of the wait-for graph `waits_for` (thread -> thread), as names, or []."""
    for start in waits_for:
        path = [start]
        while path[-1] in waits_for:
            following = waits_for[path[-1]]
            if following in path:
                return path[path.index(following) :] + [following]
            path.append(following)
    return []


def said(key: str, **arguments: object) -> i18n.Rendered:
    """The judge's text `key` with `arguments`, in every language."""
    from katakit.judge import texts  # here: the judge imports this module, which stays light

    return getattr(texts, key).format(**arguments)


def english(key: str, **arguments: object) -> str:
    """The judge's text `key` with `arguments`, in English: what the steps say."""
    from katakit.judge import texts

    return i18n.Text(texts.CATALOGUE, key, "en").format_map(arguments)


def source(site: str, student: str | None) -> str:
    """The student's line at `site` ("reverse.py:31"), stripped, in backquotes."""
    if not site or not student:
        return ""
    line = linecache.getline(student, int(site.rsplit(":", 1)[1])).strip()
    return f"`{line}`" if line else ""


# --- the blocking points --------------------------------------------------------------------------


def bubble() -> Bubble:
    assert BUBBLE is not None, "the bubble is not installed"
    return BUBBLE


class _BubbleLock:
    """What the bubble's Lock and RLock share: waiting to take one, and the steps of taking and
    giving it back. `owner` is the member holding it, `taken_at` where it took it."""

    kind = ""

    def __init__(self) -> None:
        self.owner: Member | None = None
        self.taken_at = ""
        bubble().made(self, self.kind)

    def _take(self, ready: Callable[[], object], take: Callable[[], None], timeout: float | None) -> bool:
        """Wait until `ready()`, then `take()`; the step is recorded when it is taken."""
        b = bubble()
        label = b.label(self, self.kind)
        what = b.waits_on("WAIT_ACQUIRE", self, self.kind)
        got, _ = b.block(ready, timeout, take=take, obj=self, what=what)
        if got:
            self.taken_at = b.site()
            b.step(f"acquire {label}", self.taken_at, quiet=self)
        return got

    def _gave_back(self) -> None:
        bubble().step(f"release {bubble().label(self, self.kind)}", quiet=self)

    def __exit__(self, *exc: object) -> None:
        self.release()


class Lock(_BubbleLock):
    """threading.Lock in the bubble: any thread may release it, as the real one."""

    kind = "Lock"

    def __init__(self) -> None:
        self._locked = False
        super().__init__()

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        def take() -> None:
            self._locked = True
            self.owner = bubble().current()

        return self._take(lambda: not self._locked, take, _timeout(blocking, timeout))

    def release(self) -> None:
        b = bubble()
        with b.mutex:
            if not self._locked:
                raise RuntimeError("release unlocked lock")
            self._locked = False
            self.owner = None
            b.changed()
        self._gave_back()
        b.released(self)

    __enter__ = acquire

    def locked(self) -> bool:
        return self._locked

    def _is_owned(self) -> bool:
        """What threading.Condition asks of a plain lock: is it held (by anyone)."""
        return self._locked

    def _at_fork_reinit(self) -> None:
        self._locked, self.owner = False, None

    def __repr__(self) -> str:
        state = "locked" if self._locked else "unlocked"
        return f"<{state} {bubble().label(self, self.kind)}>"


class RLock(_BubbleLock):
    """threading.RLock in the bubble: its holder may take it again; only its holder releases."""

    kind = "RLock"

    def __init__(self) -> None:
        self._count = 0
        super().__init__()

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        timeout = _timeout(blocking, timeout)
        b = bubble()
        with b.mutex:
            if self.owner is b.current():
                self._count += 1
                return True

        def take() -> None:
            self.owner, self._count = b.current(), 1

        return self._take(lambda: self.owner is None, take, timeout)

    def release(self) -> None:
        b = bubble()
        with b.mutex:
            if self.owner is not b.current():
                raise RuntimeError("cannot release un-acquired lock")
            self._count -= 1
            if not self._count:
                self.owner = None
                b.changed()
            complete = not self._count
        self._gave_back()
        if complete:
            b.released(self)

    __enter__ = acquire

    def _is_owned(self) -> bool:
        b = bubble()
        with b.mutex:
            return self.owner is b.current()

    def _release_save(self) -> tuple[int, Member | None]:
        b = bubble()
        with b.mutex:
            if self.owner is not b.current():
                raise RuntimeError("cannot release un-acquired lock")
            state = (self._count, self.owner)
            self.owner, self._count = None, 0
            b.changed()
            return state

    def _acquire_restore(self, state: tuple[int, Member | None]) -> None:
        count, owner = state

        def take() -> None:
            self.owner, self._count = owner, count

        what = bubble().waits_on("WAIT_TAKE_BACK", self, self.kind)
        bubble().block(lambda: self.owner is None, None, take=take, obj=self, what=what)

    def _at_fork_reinit(self) -> None:
        self.owner, self._count = None, 0

    def __repr__(self) -> str:
        holder = self.owner.name if self.owner else None
        return f"<{bubble().label(self, self.kind)} owner={holder!r} count={self._count}>"


class _Token:
    """A waiter of a Condition: notified or not."""

    __slots__ = ("notified",)

    def __init__(self) -> None:
        self.notified = False


def condition_wait(self: threading.Condition, timeout: float | None = None) -> bool:
    """threading.Condition.wait in the bubble."""
    if not self._is_owned():
        raise RuntimeError("cannot wait on un-acquired lock")
    b = bubble()
    token = _Token()
    self._waiters.append(token)
    with b.mutex:
        me = b.current()
    me.to_sleep = True
    try:
        saved = self._release_save()
    finally:
        me.to_sleep = False
    got = False
    label = b.label(self, "Condition")
    b.step(f"wait on {label}", quiet=self)
    try:
        wait = None if timeout is None else max(timeout, 0.0)
        got, _ = b.block(lambda: token.notified, wait, obj=self, what=waiting_for(b, self))
        return got
    finally:
        self._acquire_restore(saved)
        if not got:
            try:
                self._waiters.remove(token)
            except ValueError:
                pass
        b.step(f"woken on {label}" if got else f"timed out on {label}", quiet=self)


#: What a thread waiting on the Condition inside one of these waits for, in a report (the judge's
#: texts).
WAITS_FOR = {
    "Semaphore": "WAIT_SLOT",
    "BoundedSemaphore": "WAIT_SLOT",
    "Event": "WAIT_SET",
    "Barrier": "WAIT_PASS",
    "Queue": "WAIT_QUEUE",
    "LifoQueue": "WAIT_QUEUE",
    "PriorityQueue": "WAIT_QUEUE",
}


def waiting_for(b: Bubble, condition: threading.Condition) -> Callable[[], str]:
    """What a thread waiting on `condition` waits for, in a report: the Semaphore, Event,
    Barrier or Queue whose method waits on it (the nearest such caller), else a notification
    on it."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename in MACHINERY:
        owner = frame.f_locals.get("self")
        for cls in type(owner).__mro__:
            if cls.__name__ in WAITS_FOR and owner is not condition:
                return b.waits_on(WAITS_FOR[cls.__name__], owner, cls.__name__)
        frame = frame.f_back
    return b.waits_on("WAIT_NOTIFIED", condition, "Condition")


def condition_notify(self: threading.Condition, n: int = 1) -> None:
    """threading.Condition.notify in the bubble."""
    _notify(self, n)
    bubble().step(f"notify({n}) on {bubble().label(self, 'Condition')}", quiet=self)


def condition_notify_all(self: threading.Condition) -> None:
    """threading.Condition.notify_all in the bubble."""
    _notify(self, len(self._waiters))
    bubble().step(f"notify_all() on {bubble().label(self, 'Condition')}", quiet=self)


def _notify(condition: threading.Condition, n: int) -> None:
    if not condition._is_owned():
        raise RuntimeError("cannot notify on un-acquired lock")
    b = bubble()
    with b.mutex:
        woken = 0
        while condition._waiters and woken < n:
            condition._waiters.popleft().notified = True
            woken += 1
        b.changed()


def semaphore_init(self: threading.Semaphore, value: int = 1) -> None:
    """threading.Semaphore's __init__ (BoundedSemaphore's too), naming it after where it was made,
    so that a report on a thread waiting for a slot says which semaphore that is."""
    REAL_SEMAPHORE_INIT(self, value)
    kind = next(cls.__name__ for cls in type(self).__mro__ if cls.__module__ == "threading")
    bubble().made(self, kind)


def thread_start(self: threading.Thread) -> None:
    """threading.Thread.start in the bubble: the new thread runs, for the bubble, from now on."""
    b = bubble()
    member = b.adding(self)
    try:
        REAL_THREAD_START(self)
    except BaseException:
        b.dropped(member)
        raise
    b.step(f"start thread {self.name!r}")


def thread_bootstrap_inner(self: threading.Thread) -> None:
    b = bubble()
    member = b.running(self)
    b.take_turn(member)
    try:
        if b.student and not MONITORED:
            sys.setprofile(b.profile)
        REAL_BOOTSTRAP_INNER(self)
    finally:
        b.finished(member)


def thread_join(self: threading.Thread, timeout: float | None = None) -> None:
    """threading.Thread.join in the bubble: wait until the thread's run is over."""
    REAL_THREAD_JOIN(self, 0)  # the real checks: started, not the current thread
    b = bubble()
    member = b.by_thread.get(id(self))
    if member is not None:
        wait = None if timeout is None else max(timeout, 0.0)
        what = functools.partial(said, "WAIT_JOIN", thread=self.name)
        got, _ = b.block(lambda: member.finished, wait, obj=self, what=what)
        b.step(f"join thread {self.name!r}" if got else f"gave up joining {self.name!r}")
        if not got:
            return
    REAL_THREAD_JOIN(self)  # its run is over: only the interpreter's own ending is left


def sleep(seconds: float) -> None:
    """time.sleep in the bubble: virtual seconds, which cost nothing while every thread waits."""
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    b = bubble()
    b.step(f"sleep({seconds:g})")
    b.block(lambda: False, seconds, what=functools.partial(said, "WAIT_SLEEP", seconds=seconds))


class SimpleQueue:
    """queue.SimpleQueue in the bubble."""

    def __init__(self) -> None:
        self._items: collections.deque = collections.deque()
        bubble().made(self, "SimpleQueue")

    def put(self, item: Any, block: bool = True, timeout: float | None = None) -> None:
        b = bubble()
        with b.mutex:
            self._items.append(item)
            b.changed()
        b.step(f"put on {b.label(self, 'SimpleQueue')}")

    put_nowait = put

    def get(self, block: bool = True, timeout: float | None = None) -> Any:
        if block and timeout is not None and timeout < 0:
            raise ValueError("'timeout' must be a non-negative number")
        b = bubble()
        label = b.label(self, "SimpleQueue")
        got, item = b.block(
            lambda: self._items,
            timeout if block else 0,
            take=self._items.popleft,
            obj=self,
            what=b.waits_on("WAIT_GET", self, "SimpleQueue"),
        )
        if not got:
            raise queue.Empty
        b.step(f"get from {label}")
        return item

    def get_nowait(self) -> Any:
        return self.get(False)

    def empty(self) -> bool:
        return not self._items

    def qsize(self) -> int:
        return len(self._items)


def _timeout(blocking: bool, timeout: float) -> float | None:
    """A lock's (blocking, timeout) as the bubble's timeout, raising as the real lock does."""
    if not blocking:
        if timeout != -1:
            raise ValueError("can't specify a timeout for a non-blocking call")
        return 0
    if timeout < 0 and timeout != -1:
        raise ValueError("timeout value must be a non-negative number")
    return None if timeout == -1 else timeout


def name(obj: object, label: str) -> None:
    """Call `obj` `label` in the bubble's reports and steps ("pool.lock"); no bubble, no effect."""
    if BUBBLE is not None:
        BUBBLE.labels[id(obj)] = label
        BUBBLE.origins.pop(id(obj), None)
        BUBBLE.named.add(id(obj))


def quieten(*objects: object) -> None:
    """Leave the steps on these objects (the instruments' own) out of what a failure shows."""
    if BUBBLE is not None:
        BUBBLE.quiet.update(id(obj) for obj in objects)


# --- the clocks ---------------------------------------------------------------------------------


def monotonic() -> float:
    return bubble().base_monotonic + bubble().now


def wall_time() -> float:
    return bubble().base_time + bubble().now


def perf_counter() -> float:
    return bubble().base_perf + bubble().now


def _ns(clock: Callable[[], float]) -> Callable[[], int]:
    return lambda: int(clock() * 1e9)


#: The clocks of ``time.clock_gettime`` the bubble's clock stands in for, by their names in
#: `time` (those a platform has): the others (a process's or a thread's CPU time) stay real.
VIRTUAL_CLOCKS = {
    "CLOCK_MONOTONIC": monotonic,
    "CLOCK_MONOTONIC_RAW": monotonic,
    "CLOCK_BOOTTIME": monotonic,
    "CLOCK_HIGHRES": monotonic,
    "CLOCK_UPTIME": monotonic,
    "CLOCK_REALTIME": wall_time,
    "CLOCK_TAI": wall_time,
}


#: The same, by clock id.
VIRTUAL_CLOCK_IDS = {
    getattr(time, name): clock for name, clock in VIRTUAL_CLOCKS.items() if hasattr(time, name)
}


def clock_gettime(clock_id: int) -> float:
    """time.clock_gettime in the bubble: virtual for a monotonic or real-time clock."""
    clock = VIRTUAL_CLOCK_IDS.get(clock_id)
    return clock() if clock else REAL_CLOCK_GETTIME(clock_id)


def clock_gettime_ns(clock_id: int) -> int:
    """time.clock_gettime_ns in the bubble: virtual for a monotonic or real-time clock."""
    clock = VIRTUAL_CLOCK_IDS.get(clock_id)
    return int(clock() * 1e9) if clock else REAL_CLOCK_GETTIME_NS(clock_id)


# --- install ------------------------------------------------------------------------------------


def install(
    student: Path | None,
    on_stuck: Callable[[str, str], None],
    spin_limit: float = 1.0,
    block_limit: float = 2.0,
) -> Bubble:
    """Put this process's threads in a bubble (see the module docstring). `on_stuck(kind, text)`
    is called once, with "deadlock", "spin", "poll" or "blocked" and the report, and must end the
    process. `spin_limit` is in CPU seconds, `block_limit` in real ones."""
    global BUBBLE
    BUBBLE = Bubble(student, on_stuck, spin_limit, block_limit)
    with BUBBLE.mutex:
        BUBBLE.holder = BUBBLE.current()  # the calling thread, whose turn it is
    threading.Lock = Lock
    threading.RLock = RLock
    threading.Condition.wait = condition_wait
    threading.Condition.notify = condition_notify
    threading.Condition.notify_all = condition_notify_all
    threading.Semaphore.__init__ = semaphore_init
    threading.Thread.start = thread_start
    threading.Thread._bootstrap_inner = thread_bootstrap_inner
    threading.Thread.join = thread_join
    threading._time = monotonic
    queue.time = monotonic
    queue.SimpleQueue = SimpleQueue
    time.sleep = sleep
    time.monotonic, time.monotonic_ns = monotonic, _ns(monotonic)
    time.time, time.time_ns = wall_time, _ns(wall_time)
    time.perf_counter, time.perf_counter_ns = perf_counter, _ns(perf_counter)
    if REAL_CLOCK_GETTIME is not None:
        time.clock_gettime, time.clock_gettime_ns = clock_gettime, clock_gettime_ns
    from katakit.instruments.monitor import MONITOR

    quieten(MONITOR, MONITOR._lock)
    BUBBLE.exempt = 1
    hook = threading.excepthook

    def noting_hook(args: threading.ExceptHookArgs) -> None:
        BUBBLE.note_raised(args)
        hook(args)

    threading.excepthook = noting_hook
    _thread.start_new_thread(BUBBLE.watch, ())
    keep_to_one_core()  # after the watchdog starts: it looks in on time, on any core
    count_hidden_holds(BUBBLE)
    if student:
        watch_calls(BUBBLE)
    return BUBBLE


def keep_to_one_core() -> None:
    """Keep the calling thread, and the threads and processes it starts from now on, on the core
    it runs on now (the thread katas start no process). One thread of the bubble runs at a time,
    and each hand-off of the turn wakes the next one: on the same core, not another, that costs
    less. Three threads handing the turn on 21 000 times took 0.36 s instead of 0.48 s on two
    cores. Where the core cannot be known or chosen, nothing changes."""
    try:
        with open("/proc/self/stat", "rb") as stat:
            core = int(stat.read().rsplit(b")", 1)[1].split()[36])  # field 39, "processor"
        os.sched_setaffinity(0, {core})
    except (AttributeError, OSError, ValueError, IndexError):  # not Linux, or no such core
        return


def count_hidden_holds(b: Bubble) -> None:
    """Count, per thread, the holds of multiprocessing's locks and semaphores made from now on.
    A thread blocked on one waits where the bubble cannot see: threads switching between
    instructions (`switch_threads`) do not hand the turn on while they hold one, as a thread
    handed the turn would block on it, keeping the turn, while its holder waits for the turn."""

    def make_methods(self) -> None:
        semlock = self._semlock

        def acquire(*args: Any, **kwargs: Any) -> bool:
            got = semlock.acquire(*args, **kwargs)
            if got:
                b.hidden_holds[_thread.get_ident()] += 1
            return got

        def release() -> None:
            semlock.release()
            b.hidden_holds[_thread.get_ident()] -= 1

        self.acquire, self.release = acquire, release

    synchronize.SemLock._make_methods = make_methods
    synchronize.SemLock.__enter__ = lambda self: self.acquire()
    synchronize.SemLock.__exit__ = lambda self, *exc: self.release()


#: Whether `watch_calls` sees the student's calls through sys.monitoring (3.12+), for every
#: thread at once; else each thread of the bubble sets `Bubble.profile` as it starts.
MONITORED = False
#: The sys.monitoring events of a function entered (started or resumed) and left.
ENTERED = ("PY_START", "PY_RESUME")
LEFT = ("PY_RETURN", "PY_YIELD")


def watch_calls(b: Bubble) -> None:
    """Have `b.profile` see the student's functions entered and left, in this thread and every
    thread of the bubble.

    A profile function is called on every call and return of any code, C functions included, the
    bubble's own machinery too: in a judge child it cost more CPU than the scenario itself. Where
    there is sys.monitoring (3.12+), with a tool id that nothing else uses, each code that is not
    the student's is seen once, at its first start and its first return, and never again.
    """
    global MONITORED
    monitoring = getattr(sys, "monitoring", None)
    free = [tool for tool in (2, 3, 4) if monitoring and monitoring.get_tool(tool) is None]
    if not free:
        sys.setprofile(b.profile)
        return
    tool, events = free[0], monitoring.events
    monitoring.use_tool_id(tool, "katakit bubble")

    def seen(event: str):
        def callback(code, offset, *value):
            if not b.is_student(code):
                return monitoring.DISABLE
            b.profile(sys._getframe(1), event, None)

        return callback

    def unwound(code, offset, exception):  # an event that cannot be disabled
        if b.is_student(code):
            b.profile(sys._getframe(1), "return", None)

    chosen = 0
    callbacks = ((ENTERED, seen("call")), (LEFT, seen("return")), (("PY_UNWIND",), unwound))
    for names, callback in callbacks:
        for name in names:
            monitoring.register_callback(tool, getattr(events, name), callback)
            chosen |= getattr(events, name)
    monitoring.set_events(tool, chosen)
    MONITORED = True


def switch_threads(switching: Switching) -> None:
    """From now on, whenever a thread of the bubble runs a bytecode instruction of the student's
    code, it hands the turn to the thread ready longest (`switching` in step), or does so if a
    seeded coin says (at about half of them): the threads interleave as finely as the OS could
    ever switch them, the same way on every run. A thread's first such instruction waits at the
    start line (`Bubble.wait_at_start_line`), so threads started one after another begin
    together: a check and its act, or a read and its write, that another thread could come
    between, are come between. In step, threads running the same code stay level with each other;
    staggered or by a coin, one gets ahead, as a check, its act and a use that another thread's
    act must fall between need. With `switching.after_releases`, instead, the turn goes on
    whenever the student's code lets go of a lock: a thread that waited for it runs until it
    waits in turn, before the one that let go goes on (to return what it wrote, say). Call it in
    the bubble before the threads it is for start.

    With sys.monitoring (3.12+), through a tool id of its own; else through sys.settrace and
    threading.settrace, which a tracer already set (coverage's) gives way to in this process.
    """
    b = bubble()
    if switching.after_releases:
        b.after_releases = True
        return
    b.coin = None if switching.seed is None else random.Random(switching.seed)
    b.stagger = switching.stagger
    monitoring = getattr(sys, "monitoring", None)
    free = [tool for tool in (2, 3, 4) if monitoring and monitoring.get_tool(tool) is None]
    if free:
        tool, event = free[0], monitoring.events.INSTRUCTION
        monitoring.use_tool_id(tool, "katakit switches")

        def at_instruction(code, offset):
            if not b.is_student(code):
                return monitoring.DISABLE
            b.switch()

        monitoring.register_callback(tool, event, at_instruction)
        monitoring.set_events(tool, event)
        return

    def local(frame, event: str, arg: object):
        if event == "opcode":
            b.switch()
            # Before 3.13 the interpreter copies the frame's variables (closure cells too) into
            # f_locals before a trace call and writes them back after it: on 3.10, what other
            # threads changed meanwhile was undone. Reading f_locals copies them again.
            frame.f_locals  # noqa: B018
        return local

    def tracer(frame, event: str, arg: object):
        if event != "call" or not b.is_student(frame.f_code):
            return None
        frame.f_trace_lines, frame.f_trace_opcodes = False, True
        return local

    threading.settrace(tracer)
    sys.settrace(tracer)
