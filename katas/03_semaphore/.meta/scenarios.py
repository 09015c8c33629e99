"""Scenarios of kata 03 (semaphore), run in the judge's child against the student's `pool.py`.

No scenario waits for time to pass. The semaphores they use record which threads wait in
acquire() and which hold a slot (`RecordingSemaphore`), and the `work` they hand to the student's
code (`Scene.work`) records who is inside it and keeps each thread there until the scenario lets
it go, each change announced on the MONITOR. So "five threads inside, two waiting on a full
semaphore" is a state a scenario waits for, not one it hopes to see after a sleep. For `main`,
which makes its own semaphore and threads, `record_threading` makes threading's semaphores and
threads recording ones before the student's module is imported. Every semaphore a crowd goes
through refuses a timed acquire() that would wait (`refuse_timed`): its time may always run
out first, so code that goes on after a failed acquire() is seen going on, every run.

The scenario's threads that run the student's code let an exception escape (a `Runner` that does
not catch): the judge fails the test at once, with its place in pool.py.
"""

from __future__ import annotations

import contextlib
import threading

from katakit.instruments import (
    MONITOR,
    SEMAPHORES,
    THREADS,
    RecordingBoundedSemaphore,
    RecordingSemaphore,
    RecordingThread,
    Runner,
    TrackedLock,
    bubble,
    ever_slotted,
    finish_others,
    holds_a_slot,
    left,
    observed,
    pass_time,
    plain,
    record_semaphores,
    record_threads,
    seconds,
    until,
    was_refused,
)

#: Seconds a scenario waits for every thread to be inside work() or blocked on a full
#: semaphore (a correct solution gets there at once), then for every thread to finish.
SETTLE = 1.0
FINISH = 0.5
#: How long a `slow` work() lasts, in the bubble's virtual time: longer than the timeouts a
#: join() in main is given (1, 2 seconds), yet short enough that a main polling join(0.001)
#: until a thread is dead stays far below the bubble's CPU budget (it counts every look).
SLOW = 5.0
#: The judge's deadline: above SETTLE + FINISH, so that a wrong solution ends as an
#: observation and not as a stuck child.
DEADLINE = 3.0


class Scene:
    """Who is inside the `work` handed to the student's code (recorded on the MONITOR), and the
    events that let them out. There is one per judge child: SCENE."""

    def __init__(self) -> None:
        self.inside: list[str] = []  # threads now inside work()
        self.entries: list[str] = []  # every entry into work(), in order
        self.unslotted: list[str] = []  # threads that entered work() holding no slot
        self.ignored: list[str] = []  # ... right after an acquire() that returned False
        self.self_made: list[str] = []  # threads inside holding slots of their own semaphores
        self.worked: list[threading.Thread] = []  # the threads that entered work()
        self.most = 0
        self.everyone = threading.Event()  # lets every thread out of work()
        self.gates: dict[str, threading.Event] = {}  # or one thread at a time

    def work(self) -> None:
        """The `work` handed to the student's code: note who is inside, stay until let go."""
        me = threading.current_thread()
        with MONITOR.changing():
            self.inside.append(me.name)
            self.entries.append(me.name)
            self.worked.append(me)
            self.most = max(self.most, len(self.inside))
            held = [semaphore for semaphore in SEMAPHORES if me.name in semaphore.held]
            if not held:
                self.unslotted.append(me.name)
                if was_refused(me.name):
                    self.ignored.append(me.name)
            elif all(semaphore.maker == me.name for semaphore in held):
                self.self_made.append(me.name)
        self.gates.get(me.name, self.everyone).wait(seconds(SETTLE + FINISH))
        with MONITOR.changing():
            self.inside.remove(me.name)

    def waiting(self, n: int) -> list[str]:
        """Of thread-0 ... thread-{n-1}, those that wait for a slot of a semaphore: blocked in
        its acquire(), or after an acquire() it refused (timed, or not blocking) and waiting for
        nothing else for good meanwhile (see `waits_elsewhere`)."""
        workers = {f"thread-{i}" for i in range(n)}
        waiting = [name for semaphore in SEMAPHORES for name in semaphore.waiting]
        waiting = [name for name in dict.fromkeys(waiting) if name in workers]
        refused = {name for semaphore in SEMAPHORES for name in semaphore.refused}
        between = (refused & workers) - {*self.inside, *waiting}
        return [*waiting, *sorted(name for name in between if not waits_elsewhere(name))]

    def settled(self, n: int) -> bool:
        """Each of thread-0 ... thread-{n-1} is inside work() or waits for a slot; those that
        wait, if any, all wait for the one semaphore whose slots the threads inside hold, full."""
        inside, waiting = set(self.inside), set(self.waiting(n))
        if len(inside) + len(waiting) != n:
            return False
        return not waiting or any(
            inside <= set(s.held) and s.taken >= s.slots and waiting <= {*s.waiting, *s.refused}
            for s in SEMAPHORES
        )

    def wait_until_settled(self, n: int) -> list[str]:
        """Who is inside work() once settled (or once SETTLE has passed: a wrong solution)."""
        with MONITOR:
            MONITOR.wait_for(lambda: self.settled(n), seconds(SETTLE))
            return sorted(self.inside)


SCENE = Scene()


def waits_elsewhere(name: str) -> bool:
    """Whether the thread called `name` is parked in the bubble, for good, on something of its
    own (a Condition, a Lock, an Event): a wait with no timeout. Not a sleep, nor a timed wait
    (a retry loop that backs off), nor running."""
    threads = [thread for thread in THREADS.started if thread.name == name]
    if not threads or bubble.BUBBLE is None:
        return False
    wait = bubble.BUBBLE.parked_wait(threads[-1])
    return wait is not None and wait.obj is not None and wait.deadline is None


def record_threading() -> None:
    """prepare= for main's scenarios: the semaphores and threads main makes record themselves."""
    record_semaphores(refuse_timed=True)
    record_threads()


#: The threads a join() in main returned from while they still ran (its timeout ran out).
TIMED_OUT: list[str] = []


class JoinWatchingThread(RecordingThread):
    """A RecordingThread that also notes, in TIMED_OUT, each join() it returns from alive."""

    def join(self, timeout: float | None = None) -> None:
        super().join(timeout)
        if self.is_alive():
            with MONITOR.changing():
                TIMED_OUT.append(self.name)


def record_threading_joins() -> None:
    """prepare= for slow_main: the threads main makes note the joins that timed out. Its
    semaphores wait out a timed acquire (a retry loop then costs one look per timeout)."""
    record_semaphores()
    record_threads()
    threading.Thread = JoinWatchingThread


class WatchedList(list):
    """pool.active, recording each change: (change, thread, whether it held pool.lock)."""

    def __init__(self, items, lock: TrackedLock, changes: list) -> None:
        super().__init__(items)
        self.lock = lock
        self.changes = changes


def _recorded(method):
    def change(self, *args):
        thread = threading.current_thread().name
        self.changes.append((method.__name__, thread, self.lock.held_by_me()))
        return method(self, *args)

    return change


for _method in (
    list.append, list.remove, list.pop, list.insert, list.extend, list.clear,
    list.__iadd__, list.__setitem__, list.__delitem__,
):
    setattr(WatchedList, _method.__name__, _recorded(_method))


def watched_pool(student, changes: list):
    """A ResourcePool whose lock and active list record every change of `active` in `changes`
    (if `active` is a list, as the contract says: else it is left as it is). Its lock is the
    pool's own, tracked (an RLock entered twice stays held) from the moment __init__ sets it, so
    that what __init__ builds on it (a Condition(self.lock)) takes the tracked one too."""

    class WatchedPool(student.ResourcePool):
        def __setattr__(self, attribute, value):
            if attribute == "lock" and not isinstance(value, TrackedLock):
                value = TrackedLock(value, name="pool.lock")
            lock = getattr(self, "lock", None)
            if attribute == "active" and isinstance(lock, TrackedLock) and watching:
                # Rebinding the list (under the lock) is a change too; keep watching the new one.
                changes.append(("rebind", threading.current_thread().name, lock.held_by_me()))
                value = WatchedList(value, lock, changes)
            super().__setattr__(attribute, value)

    watching = False
    pool = WatchedPool()
    if isinstance(pool.active, list) and isinstance(pool.lock, TrackedLock):
        pool.active = WatchedList(pool.active, pool.lock, changes)
        watching = True
    return pool


class WorkFailed(Exception):
    """What a failing `work` raises."""


def fail() -> None:
    raise WorkFailed("work failed")


class WorkExited(SystemExit):
    """What a `work` that ends its thread raises: no Exception, so `except Exception` misses
    it, and a thread it escapes ends quietly."""


def exit_work() -> None:
    raise WorkExited("work exited")


def succeed() -> None:
    """A `work` that returns at once."""


#: The `work` of `one_worker`, by how it ends.
WORKS = {"returns": succeed, "raises": fail, "exits": exit_work}


def describe_active(pool) -> tuple[str, list[str]]:
    """pool.active as plain values: "list" or its type's name, and its items (names, or reprs)."""
    active = pool.active
    kind = "list" if isinstance(active, list) else type(active).__name__
    return kind, [n if isinstance(n, str) else repr(n) for n in active]


def describe_pool(student, value) -> tuple:
    """("pool", kind, names) for a ResourcePool, else ("other", its repr)."""
    if isinstance(value, student.ResourcePool):
        return ("pool", *describe_active(value))
    return ("other", repr(value))


# --- scenarios: worker ---------------------------------------------------------------------------


def crowd(student, n, limit):
    """n threads run worker through one semaphore of `limit` slots; work() keeps each inside
    until every thread is inside or waits on the full semaphore, then lets them all go."""
    pool = student.ResourcePool()
    semaphore = RecordingSemaphore(limit)
    semaphore.refuse_timed = True
    runner = Runner(catch=False)
    for i in range(n):
        runner.start(f"thread-{i}", student.worker, semaphore, pool, SCENE.work)
    inside = SCENE.wait_until_settled(n)
    active = describe_active(pool)
    observed()
    SCENE.everyone.set()
    running = finish_others(FINISH)
    return {
        "inside": inside,
        "active": active,
        "most": SCENE.most,
        "unslotted": SCENE.unslotted,
        "ignored": SCENE.ignored,
        "self_made": SCENE.self_made,
        "running": running,
    }


def leave_in_turn(student, n):
    """n threads inside at once (n slots), let out one at a time, middle one first; after each
    one finishes, what pool.active holds."""
    pool = student.ResourcePool()
    semaphore = RecordingSemaphore(n)
    names = [f"thread-{i}" for i in range(n)]
    SCENE.gates.update((name, threading.Event()) for name in names)
    runner = Runner(catch=False)
    threads = {
        name: runner.start(name, student.worker, semaphore, pool, SCENE.work) for name in names
    }
    inside = SCENE.wait_until_settled(n)
    _, arrived = describe_active(pool)
    order = arrived if sorted(arrived) == names else names
    order = [order[1], order[0], *reversed(order[2:])]  # neither first-in nor last-in leaves first
    end = until(FINISH)
    steps = []
    for name in order:
        SCENE.gates[name].set()
        threads[name].join(left(end))
        steps.append((name, threads[name].is_alive(), sorted(describe_active(pool)[1])))
    return {"inside": inside, "arrived": arrived, "steps": steps, "running": finish_others(FINISH)}


def call_worker(student, semaphore, pool, work) -> None:
    # The failure of work() may leave worker: that is right, and not a failure of the test.
    with contextlib.suppress(WorkFailed, WorkExited):
        student.worker(semaphore, pool, work)


def one_worker(student, ending):
    """One thread runs worker through a BoundedSemaphore(2); its work() ends as `ending` says
    (see WORKS): it returns, raises an Exception, or raises SystemExit."""
    pool = student.ResourcePool()
    semaphore = RecordingBoundedSemaphore(2)
    runner = Runner(catch=False)
    runner.start("thread-0", call_worker, student, semaphore, pool, WORKS[ending])
    running = finish_others(FINISH)
    return {
        "running": running,
        "active": describe_active(pool)[1],
        "held": max(0, semaphore.taken),
        "surplus": max(0, -semaphore.taken),
    }


def crowd_calls(student, n, limit):
    """crowd, with a pool that records each use/unuse call: (thread, method, name passed,
    whether the thread held a slot of the semaphore then)."""
    calls: list = []

    class CallsPool(student.ResourcePool):
        def use(self, name):
            me = threading.current_thread().name
            calls.append((me, "use", plain(name), holds_a_slot(me)))
            return super().use(name)

        def unuse(self, name):
            me = threading.current_thread().name
            calls.append((me, "unuse", plain(name), holds_a_slot(me)))
            return super().unuse(name)

    pool = CallsPool()
    semaphore = RecordingSemaphore(limit)
    semaphore.refuse_timed = True
    runner = Runner(catch=False)
    for i in range(n):
        runner.start(f"thread-{i}", student.worker, semaphore, pool, SCENE.work)
    SCENE.wait_until_settled(n)
    observed()
    SCENE.everyone.set()
    running = finish_others(FINISH)
    return {
        "calls": calls,
        "worked": SCENE.entries,
        "unslotted": SCENE.unslotted,
        "ignored": SCENE.ignored,
        "running": running,
    }


# --- scenarios: the pool's lock ------------------------------------------------------------------


CALLS = (("use", "thread-0"), ("use", "thread-1"), ("unuse", "thread-0"), ("unuse", "thread-1"))


def use_and_unuse(student):
    """use and unuse called one after another, each from a thread of the name it passes; after
    each call, whether pool.lock is free again. Stops at the first call that keeps it."""
    changes: list = []
    pool = watched_pool(student, changes)
    kind, _ = describe_active(pool)
    stuck = kept = None
    end = until(FINISH)
    runner = Runner(catch=False)
    for method, name in CALLS:
        call = f"{method}({name!r})"
        thread = runner.start(name, getattr(pool, method), name)
        thread.join(left(end))
        if thread.is_alive():
            stuck = call
            break
        if not pool.lock.acquire(blocking=False):
            kept = call
            break
        pool.lock.release()
    return {"kind": kind, "changes": changes, "stuck": stuck, "kept": kept}


#: Calls made from the scenario's own thread, with names that are not that thread's.
OTHER_NAMES = (("use", "db-conn"), ("use", "cache"), ("unuse", "db-conn"), ("unuse", "cache"))


def names_not_the_callers(student):
    """use and unuse called from this thread with names that are not its own: each call with
    pool.active after it, or the ValueError it raised removing a name that is not there (the
    calls stop there); any other exception is the student's code's own failure."""
    pool = student.ResourcePool()
    seen = []
    for method, name in OTHER_NAMES:
        call = f"{method}({name!r})"
        try:
            getattr(pool, method)(name)
        except ValueError as exc:
            seen.append((call, None, f"ValueError: {exc}"))
            break
        seen.append((call, describe_active(pool)[1], None))
    return {"thread": threading.current_thread().name, "calls": seen}


# --- scenarios: main -----------------------------------------------------------------------------


def call_main(student, n, limit):
    """main(n, limit, work): the pool it returned, and the threads it started but did not join."""
    pool = student.main(n, limit, SCENE.work)
    return pool, [t.name for t in THREADS.not_joined()]


def crowd_main(student, n, limit):
    """main(n, limit, work) with the recording threading classes; work() keeps each thread inside
    until every thread is inside or waits on a full semaphore, then lets them all go."""
    runner = Runner(catch=False)
    runner.start("caller", call_main, student, n, limit)
    inside = SCENE.wait_until_settled(n)
    with MONITOR:
        settled, waiting = SCENE.settled(n), SCENE.waiting(n)
        elsewhere = sorted({t.name for t in THREADS.started} - {*inside, *waiting})
    observed()
    SCENE.everyone.set()
    running = finish_others(FINISH)
    with MONITOR:
        started = list(THREADS.started)
        # Only the workers: a helper that, say, starts them never takes a slot.
        workers = {f"thread-{i}" for i in range(n)}
        returned_without_slot = [
            t.name for t in started
            if t.name in workers
            and not t.is_alive() and not ever_slotted(t) and t not in SCENE.worked
        ]
        idle = [
            t.name for t in started
            if not t.is_alive() and ever_slotted(t) and t not in SCENE.worked
        ]
    returned = "caller" in runner.results
    pool, unjoined = runner.results.get("caller", (None, []))
    return {
        "inside": inside,
        "settled": settled,
        "waiting": len(waiting),
        "elsewhere": elsewhere,
        "most": SCENE.most,
        "unslotted": SCENE.unslotted,
        "ignored": SCENE.ignored,
        "self_made": SCENE.self_made,
        "entries": SCENE.entries,
        "threads_inside": len({id(thread) for thread in SCENE.worked}),
        "started": len(started),
        "returned_without_slot": returned_without_slot,
        "idle": idle,
        "returned": returned,
        "unjoined": unjoined,
        "pool": describe_pool(student, pool),
        "running": running,
    }


def crowd_main_pools(student, n, limit):
    """crowd_main, with ResourcePool.use recording the pool it is called on: how many pools
    other than the one main returned got a name."""
    used: list = []
    use = student.ResourcePool.use

    def recording_use(self, name):
        used.append(self)
        return use(self, name)

    student.ResourcePool.use = recording_use
    runner = Runner(catch=False)
    runner.start("caller", call_main, student, n, limit)
    SCENE.wait_until_settled(n)
    observed()
    SCENE.everyone.set()
    running = finish_others(FINISH)
    returned = "caller" in runner.results
    pool, _ = runner.results.get("caller", (None, []))
    others = {id(p) for p in used if p is not pool}
    return {
        "returned": returned,
        "pool": describe_pool(student, pool),
        "others": len(others),
        "running": running,
    }


def slow() -> None:
    """A `work` that lasts SLOW seconds of the bubble's virtual time."""
    pass_time(SLOW)


def slow_main(student, n, limit):
    """main(n, limit, work) with a work() that lasts SLOW seconds of virtual time: the threads
    main had not joined when it returned, and those whose join() in main timed out."""
    runner = Runner(catch=False)
    runner.start("caller", main_then_unjoined, student, n, limit)
    # A main that runs the works one at a time returns after n * SLOW: waiting exactly that long
    # would make its return and the end of this wait one instant, ordered either way.
    runner.join((n + 1) * SLOW)
    returned = "caller" in runner.results
    observed()
    running = finish_others((n + 1) * SLOW)
    return {
        "returned": returned,
        "unjoined": runner.results.get("caller", []),
        "timed_out": sorted(set(TIMED_OUT)),
        "running": running,
    }


def main_then_unjoined(student, n, limit) -> list[str]:
    """main(n, limit, slow); then the names of the threads it started and did not join."""
    student.main(n, limit, slow)
    return [t.name for t in THREADS.not_joined()]


def main_twice(student) -> bool:
    """main(2, 1) called twice: whether both calls returned one and the same object."""
    first = student.main(2, 1)
    return first is not None and student.main(2, 1) is first


def main_defaults(student):
    """main() with no arguments: which "thread-*" thread acquired a semaphore of how many slots
    (the semaphores a library makes and takes in other threads are not main's), and its pool."""
    pool = student.main()
    acquired = [
        (name, s.slots) for s in SEMAPHORES for name in s.acquirers if name.startswith("thread-")
    ]
    return {"acquired": acquired, "pool": describe_pool(student, pool)}
