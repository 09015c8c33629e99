"""Scenarios of kata 12 (your own semaphore), run in the judge's child against the student's
`semaphore.py`, or against any module whose `Semaphore` and `BoundedSemaphore` are to be judged:
the repo's tests run them against threading's own classes too, which must pass every rule but
the one that forbids them.

The judge's child is a bubble (`katakit.instruments.bubble`): its clock moves only when every
thread waits. So a scenario that lets an instant pass (`Scene.quiet`) knows, when it goes on,
that every thread it started has done all it could and now waits, or has returned; and a timed
`acquire(timeout=5)` runs out after exactly 5 seconds of that clock, at no real cost. No
scenario guesses how long a thread needs, and every time is exact.

The semaphore is a black box. A scenario learns how many slots are free only through the
public API (`Scene.free`: non-blocking acquires, then as many releases), and in which condition
its waiters sleep only from the bubble's records (`sleeping_in`), to wake them with nothing
released, as another thread's notification or a spurious wake-up would.
"""

from __future__ import annotations

import contextlib
import multiprocessing.managers
import multiprocessing.queues
import multiprocessing.synchronize
import queue
import sys
import threading
import time
from dataclasses import dataclass

from katakit.instruments import MONITOR, Runner, bubble, observed, pass_time, plain, seconds

#: The two classes of the contract.
KINDS = ("Semaphore", "BoundedSemaphore")
#: Seconds of the long timeouts of timed acquires (virtual: they cost nothing real).
LONG = 10.0
#: When a scenario wakes a timed waiter with nothing released, in seconds after it began.
WAKE = 4.0
#: Seconds a scenario waits for a thread that must return by then (virtual, too).
LATE = 30.0
#: Seconds the wall clock is set back while a timed acquire waits: an hour, as a clock change.
SET_BACK = 3600.0
#: The instant a scenario lets pass for every other thread to settle: the bubble's clock only
#: moves once every thread waits.
INSTANT = 1e-6  # blocked-wait
#: At most this many slots are counted by `free`.
PROBE = 50
#: How many times a scene releases a slot for each thread still waiting, when clearing up.
CLEARING_ROUNDS = 3
#: Slots a scene adds to the semaphore and keeps taken, so that no release of the scenario
#: brings a BoundedSemaphore to its bound: only the rules of the bound test it.
RESERVE = 1


@dataclass
class Call:
    """One call of the semaphore's acquire() in a thread of its own, and what came of it."""

    text: str
    thread: threading.Thread | None = None
    began: float | None = None
    ended: float | None = None
    value: object = None

    @property
    def returned(self) -> bool:
        return self.ended is not None

    def seen(self) -> dict:
        """What a test needs of the call, as plain values (elapsed in virtual seconds)."""
        elapsed = None if self.ended is None else self.ended - self.began
        return {
            "call": self.text, "returned": self.returned, "value": self.value, "elapsed": elapsed
        }


def call_text(method: str, kwargs: dict) -> str:
    return f"{method}({', '.join(f'{k}={v!r}' for k, v in kwargs.items())})"


class Scene:
    """One semaphore of the judged class, with `take` of its `value` slots taken by the scene,
    and the threads the scenario starts on it, each calling acquire() once.

    The semaphore has `reserve` more slots, taken by the scene for good: far from its bound,
    a BoundedSemaphore behaves as a Semaphore, whatever its release does at the bound."""

    def __init__(
        self, module, kind: str, value: int, take: int = 0, reserve: int = RESERVE
    ) -> None:
        self.kind = kind
        self.semaphore = getattr(module, kind)(value + reserve)
        for _ in range(take + reserve):
            self.semaphore.acquire(blocking=False)
        self.runner = Runner(catch=False)  # the student's exception fails the test at once
        self.calls: list[Call] = []
        self.marked = False
        #: The exceptions an acquire() may raise as its answer: their names become its value.
        self.refusals: tuple[type[BaseException], ...] = ()

    def acquire(self, **kwargs) -> Call:
        """Start a thread that calls semaphore.acquire(**kwargs) and notes when it returns."""
        call = Call(call_text("acquire", kwargs))
        self.calls.append(call)
        name = f"thread-{len(self.calls) - 1}"
        call.thread = self.runner.start(name, self._acquire, call, kwargs)
        return call

    def _acquire(self, call: Call, kwargs: dict) -> None:
        call.began = time.monotonic()
        try:
            value = self.semaphore.acquire(**kwargs)
        except self.refusals as exc:
            value = type(exc).__name__
        call.value = plain(value)
        call.ended = time.monotonic()

    @staticmethod
    def quiet() -> None:
        """Go on once every other thread waits or has returned."""
        pass_time(INSTANT)

    def passed(self) -> int:
        return sum(1 for call in self.calls if call.returned and call.value is True)

    def values(self) -> list[object]:
        return [call.value for call in self.calls if call.returned]

    def waiting(self) -> list[Call]:
        return [call for call in self.calls if not call.returned]

    def free(self, give_back: bool = True) -> int:
        """`free` on the scene's semaphore, once the scene has seen the rest: a failure shows
        the steps up to here, not the acquires and releases of the count."""
        self.observed()
        return free(self.semaphore, give_back)

    def observed(self) -> None:
        """The scene has seen what it checks (`instruments.observed`), at its first call."""
        if not self.marked:
            observed()
            self.marked = True

    @staticmethod
    def wait_for_return(call: Call) -> None:
        """Wait until `call` has returned, at most LATE seconds."""
        call.thread.join(seconds(LATE))

    def finish(self) -> dict | None:
        """The scene's clearing up, after its observations: a release for each thread still
        waiting, in a row, again while some still wait (a wrong semaphore may have lost slots),
        then every thread joined, and an instant for the student's own threads to settle: a
        threading.Timer that has fired, or was cancelled, ends then, before the judge counts
        the threads left running.

        Returns, when threads still wait beside free slots after the releases, the facts of
        messages.STRANDED (the class, the releases made, the threads asleep, the slots free);
        else None."""
        self.observed()
        released = 0
        for _ in range(CLEARING_ROUNDS):
            waiting = self.waiting()
            if not waiting:
                break
            for _ in waiting:
                with contextlib.suppress(Exception):
                    self.semaphore.release()
                    released += 1
            self.quiet()
        self.runner.join(LATE)
        self.quiet()
        asleep = len(self.waiting())
        # Kept, not given back: a release of the probe's could wake a waiter that the clearing's
        # releases left asleep.
        slots = free(self.semaphore, give_back=False) if asleep else 0
        if not slots:
            return None
        return {"kind": self.kind, "released": released, "asleep": asleep, "free": slots}


def free(semaphore, give_back: bool = True) -> int:
    """How many slots of `semaphore` are free: taken with non-blocking acquires, then, with
    `give_back`, given back one by one (waiters still asleep may take them then: call it after
    the other observations)."""
    taken = 0
    while taken < PROBE and semaphore.acquire(blocking=False):
        taken += 1
    if give_back:
        for _ in range(taken):
            semaphore.release()
    return taken


def sleeping_in(calls: list[Call]) -> list[threading.Condition]:
    """The conditions the threads of `calls` sleep in now, each once, as the bubble records
    them (none for a semaphore whose waiters block on a lock), but for the one inside a
    threading.Event: only the Event's set() ever notifies that one, and Event.wait() returns
    True only once set (as its docs say), so a wake-up there with the Event not set is none a
    program can see."""
    found: list[threading.Condition] = []
    for call in calls:
        wait = bubble.BUBBLE.parked_wait(call.thread)
        if wait is not None and isinstance(wait.obj, threading.Condition):
            if not any(wait.obj is known for known in found):
                found.append(wait.obj)
    return [condition for condition in found if not inside_an_event(calls, condition)]


def napping(calls: list[Call]) -> list[str]:
    """Where the threads of `calls` sleep in time.sleep() now (a semaphore whose waiters poll
    the count), as the bubble records it: each site of the student's file once."""
    sites: list[str] = []
    for call in calls:
        wait = bubble.BUBBLE.parked_wait(call.thread)
        if wait is not None and wait.obj is None and wait.site not in sites:
            sites.append(wait.site)
    return sites


def inside_an_event(calls: list[Call], condition: threading.Condition) -> bool:
    """Whether a thread of `calls` waits on `condition` inside a threading.Event's wait()."""
    frames = sys._current_frames()
    for call in calls:
        frame = frames.get(call.thread.ident) if call.thread is not None else None
        while frame is not None:
            owner = frame.f_locals.get("self")
            if isinstance(owner, threading.Event) and owner._cond is condition:
                return True
            frame = frame.f_back
    return False


def wake_for_nothing(calls: list[Call], how: str) -> None:
    """Wake the threads of `calls` with condition.`how`() on each condition they sleep in, with
    nothing released."""
    for condition in sleeping_in(calls):
        with condition:
            getattr(condition, how)()


# --- what the semaphore is built from --------------------------------------------------------

#: Each ready-made semaphore or queue made since `record_ready_made`: (the call the scenario
#: was making, None while importing the module; its public name; where in the student's file,
#: "" when no line of it was running; that line; the object).
MADE: list[tuple[str | None, str, str, str, object]] = []
#: Each method of a ready-made class run on an object of none since `record_ready_made` (a
#: method borrowed): (the call the scenario was making, or None; the method's public name;
#: where in the student's file, or ""; that line), once each.
BORROWED: list[tuple[str | None, str, str, str]] = []
#: The call the scenario is making (None: importing the module).
DOING: list[str | None] = [None]
#: What a multiprocessing manager makes that is a ready-made semaphore or queue, by its typeid.
MANAGED = ("Semaphore", "BoundedSemaphore", "Queue", "JoinableQueue")
#: The methods of a ready-made class that `record_ready_made` watches for borrowing.
METHODS = ("acquire", "release", "get", "put", "get_nowait", "put_nowait", "__enter__", "__exit__")


def ready_made() -> dict[type, str]:
    """The ready-made semaphores and queues neither class may be built on, each class by its
    public name: they count, and wait, for you."""
    return {
        threading.BoundedSemaphore: "threading.BoundedSemaphore",
        threading.Semaphore: "threading.Semaphore",
        queue.LifoQueue: "queue.LifoQueue",
        queue.PriorityQueue: "queue.PriorityQueue",
        queue.Queue: "queue.Queue",
        queue.SimpleQueue: "queue.SimpleQueue",  # the bubble's, in the child
        multiprocessing.synchronize.BoundedSemaphore: "multiprocessing.BoundedSemaphore",
        multiprocessing.synchronize.Semaphore: "multiprocessing.Semaphore",
        multiprocessing.queues.JoinableQueue: "multiprocessing.JoinableQueue",
        multiprocessing.queues.Queue: "multiprocessing.Queue",
        multiprocessing.queues.SimpleQueue: "multiprocessing.SimpleQueue",
    }


def record_ready_made() -> None:
    """The prepare of every rule: record every ready-made semaphore and queue (`ready_made`, and a manager's
    `MANAGED`) made from now on, as itself, as a subclass, or inside the student's class, and
    where; and every method of one run on an object of none of those classes (borrowed by the
    student's class)."""
    names = ready_made()
    classes = tuple(names)

    def where() -> tuple[str, str]:
        """Where in the student's file the recording wrapper that noted (through note_made or
        note_borrowed) was called from, and that line."""
        site = bubble.BUBBLE.site(sys._getframe(3))
        return site, bubble.source(site, bubble.BUBBLE.student)

    def note_made(made: str, obj: object) -> None:
        """Record `obj`, a ready-made `made`, once, with where its maker was called."""
        if not any(obj is seen[-1] for seen in MADE):
            MADE.append((DOING[0], made, *where(), obj))

    def note_borrowed(method: str) -> None:
        """Record `method`, of a ready-made class, run on an object of none, once."""
        borrowed = (DOING[0], method, *where())
        if borrowed not in BORROWED:
            BORROWED.append(borrowed)

    def recording_init(cls, init):
        def recording(self, *args, **kwargs):
            made = next((names[c] for c in type(self).__mro__ if c in names), names[cls])
            note_made(made, self)  # once: a subclass's __init__ calls its base's
            init(self, *args, **kwargs)

        return recording

    def recording_method(cls, name, method):
        def recording(self, *args, **kwargs):
            if not isinstance(self, classes):
                note_borrowed(f"{names[cls]}.{name}")
            return method(self, *args, **kwargs)

        return recording

    def recording_proxy(self, token, *args, **kwargs):
        if token.typeid in MANAGED:
            note_made(f"multiprocessing.Manager().{token.typeid}", self)
        proxy_init(self, token, *args, **kwargs)

    for cls in names:
        if "__init__" in vars(cls):
            cls.__init__ = recording_init(cls, cls.__init__)
        for name in METHODS:
            method = vars(cls).get(name)
            if callable(method):
                setattr(cls, name, recording_method(cls, name, method))
    proxy_init = multiprocessing.managers.BaseProxy.__init__
    multiprocessing.managers.BaseProxy.__init__ = recording_proxy


def made_of(module):
    """Each class made with 2 slots and used, in a thread of its own (acquires that take the two
    and find none, a timed one, the releases: each may raise, or get stuck, for other rules to
    judge): the ready-made semaphores and queues made then, or at import, and whether each was
    made by the student's code ("site") or as the class itself ("itself"); and the methods of
    one the classes borrowed."""
    semaphores = {}
    for kind in KINDS:
        DOING[0] = f"{kind}(2)"
        semaphores[kind] = getattr(module, kind)(2)
    for kind, semaphore in semaphores.items():
        if MADE or BORROWED:  # seen already: using it can only get stuck in what it is
            break
        user = threading.Thread(target=use, args=(kind, semaphore), name="user", daemon=True)
        user.start()
        user.join(seconds(LATE))
    kinds = (getattr(module, kind) for kind in KINDS)
    classes = tuple(cls for cls in kinds if isinstance(cls, type))
    return {
        "made": [
            (call, made, site, line, isinstance(obj, classes))
            for call, made, site, line, obj in MADE
        ],
        "borrowed": list(BORROWED),
    }


def use(kind: str, semaphore) -> None:
    """`made_of`'s calls on `semaphore`, a `kind`(2), whatever each raises."""
    calls = [("acquire", {"blocking": False})] * 3 + [("acquire", {"timeout": 0.001})]
    for method, kwargs in [*calls, ("release", {"n": 2})]:
        DOING[0] = f"{kind}(2).{call_text(method, kwargs)}"
        with contextlib.suppress(Exception):
            getattr(semaphore, method)(**kwargs)


# --- making one ------------------------------------------------------------------------------


def negative_value(module, kind, value):
    """`kind`(value) with value < 0: "ValueError", or None if it was made."""
    try:
        getattr(module, kind)(value)
    except ValueError:
        return "ValueError"
    return None


def default_value(module, kind):
    """How many slots `kind`() has free (taken, not given back: its bound is near)."""
    return free(getattr(module, kind)(), give_back=False)


def value_slots(module, kind, value):
    """How many slots `kind`(value) has free (taken, not given back: its bound is near)."""
    return free(getattr(module, kind)(value), give_back=False)


# --- acquire ---------------------------------------------------------------------------------


def acquire_free(module, kind, kwargs):
    """acquire(**kwargs) in a thread, on a semaphore with 2 slots free: the call, then how many
    slots are free."""
    scene = Scene(module, kind, 2)
    call = scene.acquire(**kwargs)
    scene.quiet()
    seen = call.seen()
    seen["free"] = scene.free() if call.returned else None
    seen["stranded"] = scene.finish()
    return seen


def acquire_at_zero(module, kind, kwargs):
    """acquire(**kwargs) in a thread, on a semaphore with no slot free, waited for at most
    LATE seconds; then, if it returned, one release(): how many slots are free. A timeout with
    blocking=False may be refused with ValueError (threading's own do), the call's value then."""
    scene = Scene(module, kind, 1, take=1)
    if "timeout" in kwargs and kwargs.get("blocking") is False:
        scene.refusals = (ValueError,)
    call = scene.acquire(**kwargs)
    scene.wait_for_return(call)
    seen = call.seen()
    seen.update(limit=seconds(LATE), timeout=kwargs.get("timeout"))
    if call.returned:
        scene.semaphore.release()
        seen["free"] = scene.free()
    seen["stranded"] = scene.finish()
    return seen


def timed_empty_wake_up(module, kind, set_back=0):
    """acquire(timeout=LONG) in a thread, on a semaphore with no slot free; WAKE seconds later
    the scene wakes it with nothing released. The call then, and once it returned. With
    `set_back`, the wall clock is set back that many seconds once the call waits, as a user or
    NTP may set it: a deadline from time.time() moves with it, one from time.monotonic() does
    not."""
    scene = Scene(module, kind, 1, take=1)
    call = scene.acquire(timeout=seconds(LONG))
    scene.quiet()
    bubble.BUBBLE.set_wall_clock_back(set_back)
    pass_time(WAKE)
    wake_for_nothing([call], "notify_all")
    scene.quiet()
    early = call.seen()
    scene.wait_for_return(call)
    seen = call.seen()
    seen.update(early=early, timeout=seconds(LONG), wake=seconds(WAKE), limit=seconds(LATE))
    seen["stranded"] = scene.finish()
    return seen


# --- release ---------------------------------------------------------------------------------


def waiters_then_release(module, kind, waiters, n, timeout):
    """`waiters` threads call acquire() (or acquire(timeout=...)) on a semaphore with no slot
    free; then release(n). Who passed before and after, and how many slots are left free while
    the others still wait."""
    scene = Scene(module, kind, waiters, take=waiters)
    kwargs = {} if timeout is None else {"timeout": seconds(timeout)}
    for _ in range(waiters):
        scene.acquire(**kwargs)
    scene.quiet()
    early = scene.values()
    nap = napping(scene.calls)
    scene.semaphore.release(n)
    scene.quiet()
    seen = {"early": early, "values": scene.values(), "passed": scene.passed(), "napping": nap}
    seen["free"] = scene.free()
    seen["stranded"] = scene.finish()
    return seen


def releases_in_a_row(module, kind, waiters, releases):
    """`waiters` threads call acquire() on a semaphore with no slot free; then `releases`
    release() calls in a row, made before any waiter they woke has run: when a call comes, the
    waiters the calls before it woke have not taken their slots yet. Who passed, and how many
    slots are left free while the others still wait."""
    scene = Scene(module, kind, waiters, take=waiters)
    for _ in range(waiters):
        scene.acquire()
    scene.quiet()
    for _ in range(releases):
        scene.semaphore.release()
    scene.quiet()
    seen = {"values": scene.values(), "passed": scene.passed()}
    seen["free"] = scene.free()
    seen["stranded"] = scene.finish()
    return seen


def late_comer_takes_the_slot(module, kind, waiters):
    """`waiters` threads call acquire() on a semaphore with no slot free; release(), and before
    the waiter it woke has run, the scene calls acquire(blocking=False), as a thread coming
    later may; then one release() per waiter, each once every thread has settled. What the late
    acquire returned, who passed, and how many slots are free."""
    scene = Scene(module, kind, waiters + 1, take=waiters + 1)
    for _ in range(waiters):
        scene.acquire()
    scene.quiet()
    scene.semaphore.release()
    late = plain(scene.semaphore.acquire(blocking=False))
    scene.quiet()
    for _ in range(waiters):
        scene.semaphore.release()
        scene.quiet()
    seen = {"late": late, "values": scene.values(), "passed": scene.passed()}
    seen["free"] = scene.free()
    seen["stranded"] = scene.finish()
    return seen


def notified_as_time_runs_out(module, kind):
    """thread-0 calls acquire(timeout=WAKE), then thread-1 acquire(), on a semaphore with no
    slot free. thread-0's time runs out, and before it gets its condition's lock back (the
    scene holds it back) release() comes, whose notify picks thread-0, first in line: its
    wait() returns False, notified all the same. Who passed, and how many slots are free."""
    scene = Scene(module, kind, 2, take=2)
    scene.acquire(timeout=seconds(WAKE))
    scene.quiet()
    scene.acquire()
    scene.quiet()
    holding = [True]
    scene_thread = threading.current_thread()
    for condition in sleeping_in(scene.calls):

        def held_back(state, restore=condition._acquire_restore) -> None:
            if threading.current_thread() is not scene_thread:
                MONITOR.wait_until(lambda: not holding[0], seconds(LATE))
            restore(state)

        condition._acquire_restore = held_back
    pass_time(WAKE * 1.5)  # past thread-0's deadline, well before its hold ends
    scene.semaphore.release()
    with MONITOR.changing():
        holding[0] = False
    scene.quiet()
    seen = {"values": scene.values(), "passed": scene.passed(), "free": scene.free()}
    seen["stranded"] = scene.finish()
    return seen


def release_between_look_and_sleep(module, kind):
    """thread-0 sleeps in acquire() on a semaphore with no slot free, which shows the condition
    its waiters sleep in, and passes once release() comes. Then thread-1 calls acquire() and is
    held as soon as it first lets go of that condition other than to sleep in it (after a look
    at the count, say); release() comes meanwhile; then thread-1 goes on. Whether thread-1
    passed, whether it was held, and how many slots are free."""
    scene = Scene(module, kind, 1, take=1)
    scene.acquire()
    scene.quiet()
    holds = holding("thread-1", sleeping_in(scene.calls))
    scene.semaphore.release()
    scene.quiet()
    late = scene.acquire()
    scene.quiet()
    held = any(hold.held for hold in holds)
    scene.semaphore.release()
    for hold in holds:
        hold.resume.set()
    scene.quiet()
    seen = {"passed": late.value is True, "held": held, "free": scene.free()}
    seen["stranded"] = scene.finish()
    return seen


def woken_before_release_returns(module, kind):
    """thread-0 sleeps in acquire() on a semaphore with no slot free; release() runs in a thread
    of its own, held as soon as it first lets go of the condition thread-0 sleeps in; thread-0,
    woken or not, settles; then the release goes on to its end. Whether thread-0 passed, and how
    many slots are free."""
    scene = Scene(module, kind, 1, take=1)
    scene.acquire()
    scene.quiet()
    holds = holding("releaser", sleeping_in(scene.calls))
    scene.runner.start("releaser", scene.semaphore.release)
    scene.quiet()
    for hold in holds:
        hold.resume.set()
    scene.quiet()
    seen = {"passed": scene.passed(), "free": scene.free()}
    seen["stranded"] = scene.finish()
    return seen


def holding(thread: str, conditions: list[threading.Condition]) -> list[bubble.Hold]:
    """Have the thread named `thread` held right after it first lets go of the lock of one of
    `conditions` other than to sleep in it (`bubble.Bubble.hold_after_release`)."""
    return [
        bubble.BUBBLE.hold_after_release(condition._lock, thread, seconds(LATE))
        for condition in conditions
    ]


def release_then_waiters(module, kind, n, waiters):
    """release(n) on a semaphore with no slot free and nobody waiting; then `waiters` threads
    call acquire(). Who passed, and how many slots are left free while the others wait."""
    scene = Scene(module, kind, waiters, take=waiters)
    scene.semaphore.release(n)
    for _ in range(waiters):
        scene.acquire()
    scene.quiet()
    seen = {"values": scene.values(), "passed": scene.passed(), "free": scene.free()}
    seen["stranded"] = scene.finish()
    return seen


def wake_up_without_release(module, kind, how, waiters=3):
    """`waiters` threads call acquire() on a semaphore with no slot free; the scene wakes them
    with condition.`how`() and nothing released. Who returned before, and who passed."""
    scene = Scene(module, kind, waiters, take=waiters)
    for _ in range(waiters):
        scene.acquire()
    scene.quiet()
    early = scene.values()
    wake_for_nothing(scene.calls, how)
    scene.quiet()
    seen = {"early": early, "values": scene.values(), "passed": scene.passed()}
    seen["waiters"] = waiters
    seen["stranded"] = scene.finish()
    return seen


def own_waiter_released(module, kind, released):
    """A thread calls acquire() on a semaphore with no slot free, then another thread on a
    second one of the same class; then release() on the `released` one ("first" or "second"):
    how many passed on the released semaphore and on the other."""
    scenes = {"first": Scene(module, kind, 1, take=1), "second": Scene(module, kind, 1, take=1)}
    for scene in scenes.values():
        scene.acquire()
        scene.quiet()
    other = "second" if released == "first" else "first"
    nap = napping(scenes[released].calls)
    scenes[released].semaphore.release()
    Scene.quiet()
    seen = {"passed": scenes[released].passed(), "other": scenes[other].passed(), "napping": nap}
    stranded = [scene.finish() for scene in scenes.values()]
    seen["stranded"] = next((facts for facts in stranded if facts), None)
    return seen


def bounded_releases_at_once(module, releases=2):
    """`releases` threads call release() at once on a BoundedSemaphore(1) with no slot free.
    The scene first learns, from a waiter it lets through, the condition the waiters sleep in,
    and holds it while the threads start: a release that checks the bound before it takes that
    condition's lock checks it while the others do too. How many raised ValueError, then how
    many slots are free."""
    scene = Scene(module, "BoundedSemaphore", 1, take=1, reserve=0)
    scene.acquire()
    scene.quiet()
    conditions = sleeping_in(scene.calls)
    scene.semaphore.release()
    scene.quiet()
    raised: list[str] = []

    def release() -> None:
        try:
            scene.semaphore.release()
        except ValueError:
            raised.append("ValueError")

    with contextlib.ExitStack() as held:
        for condition in conditions:
            held.enter_context(condition)
        for index in range(releases):
            scene.runner.start(f"releaser-{index}", release)
        scene.quiet()
    scene.quiet()
    seen = {"raised": len(raised), "free": scene.free(give_back=False)}
    seen["stranded"] = scene.finish()
    return seen


def release_some(module, kind, value, take, n):
    """release(n) on a semaphore of exactly `value` slots of which the scene took `take`:
    "ValueError" or None, then how many slots are free (taken, not given back)."""
    scene = Scene(module, kind, value, take=take, reserve=0)
    try:
        scene.semaphore.release(n)
        raised = None
    except ValueError:
        raised = "ValueError"
    return {"raised": raised, "free": scene.free(give_back=False)}


# --- its numbers under its lock --------------------------------------------------------------


#: At most this many writes without the lock are reported.
SHOWN_WRITES = 3


def attributes(semaphore) -> list:
    """The values of the semaphore's own attributes: in its __dict__, and in the __slots__ of its
    classes (a slot never set has none)."""
    values = list(getattr(semaphore, "__dict__", {}).values())
    for cls in type(semaphore).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        for name in [slots] if isinstance(slots, str) else slots:
            if name.startswith("__") and not name.endswith("__"):  # mangled in the class
                name = f"_{cls.__name__.lstrip('_')}{name}"
            values.append(getattr(semaphore, name, None))
    return values


def locks_of(module, semaphore) -> list:
    """The bubble's locks the semaphore may guard its numbers with: those among its attributes,
    its classes' and its module's globals, a Condition standing for its lock."""
    found = []
    places = [*type(semaphore).__mro__, module]
    values = attributes(semaphore) + [value for place in places for value in vars(place).values()]
    for value in values:
        lock = getattr(value, "_lock", None) if isinstance(value, threading.Condition) else value
        if isinstance(lock, (bubble.Lock, bubble.RLock)) and not any(lock is k for k in found):
            found.append(lock)
    return found


def watch_numbers(module, semaphore) -> list[dict]:
    """From now on, note each number (an int attribute) the semaphore sets on itself while the
    thread setting it holds none of its locks (`locks_of`; with no lock found, nothing is
    noted): which attribute, in which method, at which line of the student's file. The
    semaphore's class becomes a subclass of its own that notes them; nothing else changes."""
    unlocked: list[dict] = []
    b = bubble.BUBBLE
    own = type(semaphore)

    def noting_setattr(self, name, value):
        if type(value) is int and len(unlocked) < SHOWN_WRITES:
            with b.mutex:
                me = b.current()
            locks = locks_of(module, self)
            if locks and not any(lock.owner is me for lock in locks):
                frame = sys._getframe(1)
                while frame is not None and not b.is_student(frame.f_code):
                    frame = frame.f_back
                method = frame.f_code.co_name if frame is not None else "?"
                site = b.site(frame) if frame is not None else ""
                line = bubble.source(site, b.student)
                unlocked.append({"attribute": name, "method": method, "site": site, "line": line})
        super(watching, self).__setattr__(name, value)

    watching = type(own.__name__, (own,), {"__slots__": (), "__setattr__": noting_setattr})
    semaphore.__class__ = watching
    return unlocked


def numbers_under_the_lock(module, kind):
    """The writes `watch_numbers` notes while threads use a semaphore of 1 slot, taken: one
    waits in acquire() and a release() lets it through; a timed acquire runs out; a
    non-blocking acquire finds no slot; a release(2) frees two, taken in a `with` block and by a
    thread waiting meanwhile."""
    scene = Scene(module, kind, 1, take=1)
    unlocked = watch_numbers(module, scene.semaphore)
    scene.acquire()
    scene.quiet()
    scene.semaphore.release()
    scene.quiet()
    scene.wait_for_return(scene.acquire(timeout=1.0))
    scene.semaphore.acquire(blocking=False)
    scene.acquire()
    scene.quiet()
    scene.semaphore.release(2)
    with scene.semaphore:
        scene.quiet()
    scene.observed()
    return {"unlocked": list(unlocked), "stranded": scene.finish()}


# --- with ------------------------------------------------------------------------------------


class Raised(Exception):
    """What the body of a `with` block raises."""


def with_block(module, kind, raises):
    """`with semaphore as entered:` on a semaphore of 2 slots, its body raising or not: what
    `entered` was, the slots free inside and after, and whether the exception came out."""
    scene = Scene(module, kind, 2)
    seen = {"entered": None, "inside": None, "propagated": False}
    try:
        with scene.semaphore as entered:
            seen.update(entered=plain(entered), inside=free(scene.semaphore))
            if raises:
                raise Raised("raised in the with block")
    except Raised:
        seen["propagated"] = True
    seen["after"] = scene.free()
    return seen


def with_at_zero(module, kind):
    """A thread runs `with semaphore as entered:` on a semaphore with no slot free; then one
    release(). Whether it entered before the release, what `entered` was after it, and how many
    slots are free once its block is over."""
    scene = Scene(module, kind, 1, take=1)
    call = Call("with semaphore")
    scene.calls.append(call)

    def block() -> None:
        call.began = time.monotonic()
        with scene.semaphore as entered:
            call.value = plain(entered)
            call.ended = time.monotonic()

    call.thread = scene.runner.start("thread-0", block)
    scene.quiet()
    seen = {"early": call.returned}
    scene.semaphore.release()
    scene.quiet()
    seen.update(entered=call.returned, value=call.value, free=scene.free())
    seen["stranded"] = scene.finish()
    return seen


# --- the API ---------------------------------------------------------------------------------


def bounded_is_a_semaphore(module):
    """Whether BoundedSemaphore is a subclass of Semaphore."""
    return issubclass(module.BoundedSemaphore, module.Semaphore)


def all_at_once(module, kind, value, take, users, releases, waiters, lookers):
    """A `kind`(value) of which `take` slots are taken first; then, all started at once: `users`
    threads that each hold a slot (`with semaphore:`) while an instant passes, a thread for each
    n of `releases` calling release(n), `waiters` threads that each acquire() a slot and keep
    it, and `lookers` threads that each take a slot with acquire(blocking=False) if one is free
    and keep it. How many users and lookers held a slot together at most, how many releases
    raised ValueError, how many lookers were refused, and how many slots are free at the end.
    No scene: the threads switching
    between the instructions of semaphore.py (the rule's `switching`) come between everything
    the semaphore does."""
    semaphore = getattr(module, kind)(value)
    for _ in range(take):
        semaphore.acquire()
    inside, most, raised, refused = [0], [0], [0], [0]

    def use() -> None:
        with semaphore:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
            pass_time(INSTANT)
            inside[0] -= 1

    def look() -> None:
        if semaphore.acquire(blocking=False):
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        else:
            refused[0] += 1

    def release(n: int) -> None:
        try:
            semaphore.release(n)
        except ValueError:
            raised[0] += 1

    threads = [threading.Thread(target=use, name=f"user-{i}") for i in range(users)]
    threads += [
        threading.Thread(target=release, args=(n,), name=f"releaser-{i}")
        for i, n in enumerate(releases)
    ]
    threads += [
        threading.Thread(target=semaphore.acquire, name=f"waiter-{i}") for i in range(waiters)
    ]
    threads += [threading.Thread(target=look, name=f"looker-{i}") for i in range(lookers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    free = 0
    while free < PROBE and semaphore.acquire(blocking=False):
        free += 1
    observed()
    return {"most": most[0], "raised": raised[0], "refused": refused[0], "free": free}
