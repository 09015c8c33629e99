"""Tests of kata 03 (semaphore).

Each scenario function runs in the judge's child process against your `pool.py` and returns
plain observations; each test asserts on them here, in the pytest process.

No test waits for time to pass. The semaphores the scenarios use record which threads wait in
acquire() and which hold a slot, and the `work` they hand to your code records who is inside it
and keeps each thread there until the scenario lets it go. So "five threads inside, two waiting
on a full semaphore" is a state a scenario waits for, not one it hopes to see after a sleep.
For `main`, which makes its own semaphore and threads, `threading.Semaphore`,
`threading.BoundedSemaphore` and `threading.Thread` are replaced by recording subclasses before
your module is imported.

The threads that run your code are plain threads: an exception escaping one of them fails the
test at once, with its place in your file.
"""

from __future__ import annotations

import contextlib
import threading
import time

import pytest

from katakit import helpers, rules

M = rules.messages(__file__)

#: Seconds a scenario waits for every thread to be inside work() or blocked on a full
#: semaphore (a correct solution gets there at once), then for every thread to finish.
SETTLE = 1.0
FINISH = 0.5
#: The judge's deadline: above SETTLE + FINISH, so that a wrong solution ends as an
#: observation and not as a stuck child.
DEADLINE = 3.0
HINTS = {r"ValueError: Semaphore released too many times": M.OVER_RELEASED}

CROWDS = [
    pytest.param(7, 5, id="seven-through-five"),
    pytest.param(3, 1, id="three-through-one"),
    pytest.param(6, 2, id="six-through-two"),
]
FEWER_THAN_SLOTS = [pytest.param(2, 4, id="two-through-four")]
ORIGINAL = [pytest.param(7, 5, id="seven-through-five")]


# --- instruments (used in the judge's child) ----------------------------------------------------


class Scene:
    """What a scenario watches, under one condition: the recording semaphores, and who is inside
    `work`. There is one per judge child: SCENE."""

    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.semaphores: list[_Recorded] = []
        self.inside: list[str] = []  # threads now inside work()
        self.entries: list[str] = []  # every entry into work(), in order
        self.unslotted: list[str] = []  # threads that entered work() holding no slot
        self.worked: list[threading.Thread] = []  # the threads that entered work()
        self.slotted: list[threading.Thread] = []  # the threads that ever got a slot
        self.most = 0
        self.started: list[threading.Thread] = []  # threads the student's main started
        self.joined: list[threading.Thread] = []  # and those a join() saw finished
        self.everyone = threading.Event()  # lets every thread out of work()
        self.gates: dict[str, threading.Event] = {}  # or one thread at a time

    def work(self) -> None:
        """The `work` handed to the student's code: note who is inside, stay until let go."""
        name = threading.current_thread().name
        with self.condition:
            self.inside.append(name)
            self.entries.append(name)
            self.worked.append(threading.current_thread())
            self.most = max(self.most, len(self.inside))
            if not self.holds_a_slot(name):
                self.unslotted.append(name)
            self.condition.notify_all()
        self.gates.get(name, self.everyone).wait(helpers.seconds(SETTLE + FINISH))
        with self.condition:
            self.inside.remove(name)
            self.condition.notify_all()

    def holds_a_slot(self, name: str) -> bool:
        """Whether thread `name` holds a slot of a recording semaphore now."""
        with self.condition:
            return any(name in semaphore.held for semaphore in self.semaphores)

    def settled(self, n: int) -> bool:
        """Each of the n threads is inside work() or waits on a semaphore with no slot free."""
        waiting = sum(len(semaphore.waiting) for semaphore in self.semaphores)
        full = all(s.taken >= s.slots for s in self.semaphores if s.waiting)
        return len(self.inside) + waiting == n and full

    def wait_until_settled(self, n: int) -> list[str]:
        """Who is inside work() once settled (or once SETTLE has passed: a wrong solution)."""
        with self.condition:
            self.condition.wait_for(lambda: self.settled(n), helpers.seconds(SETTLE))
            return sorted(self.inside)


SCENE = Scene()


#: The real classes (record_threading replaces them in the threading module).
SEMAPHORE, BOUNDED_SEMAPHORE = threading.Semaphore, threading.BoundedSemaphore
THREAD = threading.Thread


class _Recorded:
    """Records in SCENE who waits in acquire() and who holds a slot; mixed into the real ones."""

    def _record(self, value: int) -> None:
        if hasattr(self, "slots"):
            # Python 3.10 and 3.11: BoundedSemaphore.__init__ calls threading.Semaphore.__init__
            # by its global name, which record_threading has made RecordingSemaphore's.
            return
        self.slots = value
        self.waiting: list[str] = []
        self.held: list[str] = []
        self.acquirers: list[str] = []  # every successful acquire(), in order
        self.releases = 0
        with SCENE.condition:
            SCENE.semaphores.append(self)

    @property
    def taken(self) -> int:
        return len(self.acquirers) - self.releases

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        name = threading.current_thread().name
        with SCENE.condition:
            self.waiting.append(name)
            SCENE.condition.notify_all()
        acquired = False
        try:
            acquired = super().acquire(blocking, timeout)
        finally:
            with SCENE.condition:
                self.waiting.remove(name)
                if acquired:
                    self.held.append(name)
                    self.acquirers.append(name)
                    SCENE.slotted.append(threading.current_thread())
                SCENE.condition.notify_all()
        return acquired

    # The standard library binds `__enter__ = acquire` to its own acquire: record `with` too.
    __enter__ = acquire

    def release(self, n: int = 1) -> None:
        name = threading.current_thread().name
        with SCENE.condition:
            self.releases += n
            for _ in range(min(n, self.held.count(name))):
                self.held.remove(name)
            SCENE.condition.notify_all()
        super().release(n)


class RecordingSemaphore(_Recorded, threading.Semaphore):
    """A threading.Semaphore that records its waiters and holders in SCENE."""

    def __init__(self, value: int = 1) -> None:
        SEMAPHORE.__init__(self, value)
        self._record(value)


class RecordingBoundedSemaphore(_Recorded, threading.BoundedSemaphore):
    """A threading.BoundedSemaphore that records its waiters and holders in SCENE."""

    def __init__(self, value: int = 1) -> None:
        BOUNDED_SEMAPHORE.__init__(self, value)
        self._record(value)


class JoinedThread(threading.Thread):
    """A threading.Thread that records in SCENE that it was started, and that a join() saw it
    finished."""

    def start(self) -> None:
        super().start()
        with SCENE.condition:
            SCENE.started.append(self)

    def join(self, timeout: float | None = None) -> None:
        super().join(timeout)
        if not self.is_alive():
            with SCENE.condition:
                SCENE.joined.append(self)


def record_threading() -> None:
    """prepare= for main's scenarios: the semaphores and threads main makes record themselves."""
    threading.Semaphore = RecordingSemaphore
    threading.BoundedSemaphore = RecordingBoundedSemaphore
    threading.Thread = JoinedThread


class PoolLock(helpers.RecordingLock):
    """pool.lock, recorded: wraps the pool's own lock (an RLock entered twice stays held)."""

    def __init__(self, lock) -> None:
        super().__init__(lambda: lock)


class WatchedList(list):
    """pool.active, recording each change: (change, thread, whether it held pool.lock)."""

    def __init__(self, items, lock: PoolLock, changes: list) -> None:
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
    (if `active` is a list, as the contract says: else it is left as it is)."""

    class WatchedPool(student.ResourcePool):
        def __setattr__(self, attribute, value):
            lock = getattr(self, "lock", None)
            if attribute == "active" and isinstance(lock, PoolLock):
                # Rebinding the list (under the lock) is a change too; keep watching the new one.
                changes.append(("rebind", threading.current_thread().name, lock.held_by_me()))
                value = WatchedList(value, lock, changes)
            super().__setattr__(attribute, value)

    pool = WatchedPool()
    if isinstance(pool.active, list):
        lock = PoolLock(pool.lock)
        pool.active = WatchedList(pool.active, lock, changes)
        pool.lock = lock
    return pool


class WorkFailed(Exception):
    """What a failing `work` raises."""


def fail() -> None:
    raise WorkFailed("work failed")


def succeed() -> None:
    """A `work` that returns at once."""


def start(name: str, target, *args) -> threading.Thread:
    """A daemon thread running target(*args). Unlike helpers.Runner it lets an exception escape,
    so that the judge fails the test at once and shows where in pool.py it was raised."""
    thread = THREAD(target=target, args=args, name=name, daemon=True)
    thread.start()
    return thread


def finish() -> list[str]:
    """Join every other thread within FINISH; the names of those still running."""
    end = time.monotonic() + helpers.seconds(FINISH)
    others = [t for t in threading.enumerate() if t is not threading.current_thread()]
    for thread in others:
        thread.join(max(0.0, end - time.monotonic()))
    return [t.name for t in others if t.is_alive()]


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


# --- scenarios (run in the judge's child) -------------------------------------------------------


def crowd(student, n, limit):
    """n threads run worker through one semaphore of `limit` slots; work() keeps each inside
    until every thread is inside or waits on the full semaphore, then lets them all go."""
    pool = student.ResourcePool()
    semaphore = RecordingSemaphore(limit)
    for i in range(n):
        start(f"thread-{i}", student.worker, semaphore, pool, SCENE.work)
    inside = SCENE.wait_until_settled(n)
    active = describe_active(pool)
    SCENE.everyone.set()
    running = finish()
    return {
        "inside": inside,
        "active": active,
        "most": SCENE.most,
        "unslotted": SCENE.unslotted,
        "running": running,
    }


def leave_in_turn(student, n):
    """n threads inside at once (n slots), let out one at a time, middle one first; after each
    one finishes, what pool.active holds."""
    pool = student.ResourcePool()
    semaphore = RecordingSemaphore(n)
    names = [f"thread-{i}" for i in range(n)]
    SCENE.gates.update((name, threading.Event()) for name in names)
    threads = {name: start(name, student.worker, semaphore, pool, SCENE.work) for name in names}
    inside = SCENE.wait_until_settled(n)
    _, arrived = describe_active(pool)
    order = arrived if sorted(arrived) == names else names
    order = [order[1], order[0], *reversed(order[2:])]  # neither first-in nor last-in leaves first
    end = time.monotonic() + helpers.seconds(FINISH)
    steps = []
    for name in order:
        SCENE.gates[name].set()
        threads[name].join(max(0.0, end - time.monotonic()))
        steps.append((name, threads[name].is_alive(), sorted(describe_active(pool)[1])))
    return {"inside": inside, "arrived": arrived, "steps": steps, "running": finish()}


def call_worker(student, semaphore, pool, work) -> None:
    # The failure of work() may leave worker: that is right, and not a failure of the test.
    with contextlib.suppress(WorkFailed):
        student.worker(semaphore, pool, work)


def one_worker(student, raises):
    """One thread runs worker through a BoundedSemaphore(2); its work() raises or returns."""
    pool = student.ResourcePool()
    semaphore = RecordingBoundedSemaphore(2)
    start("thread-0", call_worker, student, semaphore, pool, fail if raises else succeed)
    running = finish()
    return {
        "running": running,
        "active": describe_active(pool)[1],
        "held": max(0, semaphore.taken),
        "surplus": max(0, -semaphore.taken),
    }


CALLS = (("use", "thread-0"), ("use", "thread-1"), ("unuse", "thread-0"), ("unuse", "thread-1"))


def use_and_unuse(student):
    """use and unuse called one after another, each from a thread of the name it passes; after
    each call, whether pool.lock is free again. Stops at the first call that keeps it."""
    changes: list = []
    pool = watched_pool(student, changes)
    kind, _ = describe_active(pool)
    stuck = kept = None
    end = time.monotonic() + helpers.seconds(FINISH)
    for method, name in CALLS:
        call = f"{method}({name!r})"
        thread = start(name, getattr(pool, method), name)
        thread.join(max(0.0, end - time.monotonic()))
        if thread.is_alive():
            stuck = call
            break
        if not pool.lock.acquire(blocking=False):
            kept = call
            break
        pool.lock.release()
    return {"kind": kind, "changes": changes, "stuck": stuck, "kept": kept}


def crowd_calls(student, n, limit):
    """crowd, with a pool that records each use/unuse call: (thread, method, name passed,
    whether the thread held a slot of the semaphore then)."""
    calls: list = []

    class CallsPool(student.ResourcePool):
        def use(self, name):
            me = threading.current_thread().name
            calls.append((me, "use", name, SCENE.holds_a_slot(me)))
            return super().use(name)

        def unuse(self, name):
            me = threading.current_thread().name
            calls.append((me, "unuse", name, SCENE.holds_a_slot(me)))
            return super().unuse(name)

    pool = CallsPool()
    semaphore = RecordingSemaphore(limit)
    for i in range(n):
        start(f"thread-{i}", student.worker, semaphore, pool, SCENE.work)
    SCENE.wait_until_settled(n)
    SCENE.everyone.set()
    running = finish()
    return {"calls": calls, "worked": SCENE.entries, "running": running}


def call_main(student, n, limit, box: dict) -> None:
    pool = student.main(n, limit, SCENE.work)
    with SCENE.condition:
        box["unjoined"] = [t.name for t in SCENE.started if t not in SCENE.joined]
    box["pool"] = pool


def crowd_main(student, n, limit):
    """main(n, limit, work) with the recording threading classes; work() keeps each thread inside
    until every thread is inside or waits on a full semaphore, then lets them all go."""
    box: dict = {}
    start("caller", call_main, student, n, limit, box)
    inside = SCENE.wait_until_settled(n)
    SCENE.everyone.set()
    running = finish()
    with SCENE.condition:
        started = list(SCENE.started)
        returned_without_slot = [
            t.name for t in started
            if not t.is_alive() and t not in SCENE.slotted and t not in SCENE.worked
        ]
    return {
        "inside": inside,
        "most": SCENE.most,
        "entries": SCENE.entries,
        "started": len(started),
        "returned_without_slot": returned_without_slot,
        "returned": "pool" in box,
        "unjoined": box.get("unjoined", []),
        "pool": describe_pool(student, box.get("pool")),
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
    box: dict = {}
    start("caller", call_main, student, n, limit, box)
    SCENE.wait_until_settled(n)
    SCENE.everyone.set()
    running = finish()
    pool = box.get("pool")
    others = {id(p) for p in used if p is not pool}
    return {
        "returned": "pool" in box,
        "pool": describe_pool(student, pool),
        "others": len(others),
        "running": running,
    }


def main_defaults(student):
    """main() with no arguments: which "thread-*" thread acquired a semaphore of how many slots
    (the semaphores a library makes and takes in other threads are not main's), and its pool."""
    pool = student.main()
    acquired = [
        (name, s.slots) for s in SCENE.semaphores for name in s.acquirers
        if name.startswith("thread-")
    ]
    return {"acquired": acquired, "pool": describe_pool(student, pool)}


# --- helpers (pytest side) ----------------------------------------------------------------------


def names(n: int) -> list[str]:
    return [f"thread-{i}" for i in range(n)]


def run_crowd(judge, n, limit):
    return judge.run(crowd, n, limit, deadline=DEADLINE, stuck=M.STUCK, hints=HINTS)


def run_crowd_main(judge, n, limit):
    return judge.run(
        crowd_main, n, limit,
        deadline=DEADLINE, stuck=M.STUCK, hints=HINTS, prepare=record_threading,
    )


def assert_finished(seen):
    assert not seen["running"], M.WORKER_DID_NOT_FINISH.format(names=seen["running"])


# --- tests: worker ------------------------------------------------------------------------------


@pytest.mark.parametrize("n, limit", CROWDS)
def test_worker_never_lets_more_than_limit_inside(judge, n, limit):
    """Through a semaphore of `limit` slots, never more than `limit` threads are inside work()."""
    seen = run_crowd(judge, n, limit)
    assert seen["most"] <= limit, M.TOO_MANY_INSIDE.format(most=seen["most"], limit=limit)


@pytest.mark.parametrize("n, limit", CROWDS + FEWER_THAN_SLOTS)
def test_worker_fills_every_free_slot(judge, n, limit):
    """When n threads want in, min(n, limit) of them are inside work() together."""
    seen = run_crowd(judge, n, limit)
    expected = min(n, limit)
    inside = len(seen["inside"])
    assert inside >= expected, M.NOT_ENOUGH_INSIDE.format(
        inside=inside, n=n, limit=limit, expected=expected
    )


@pytest.mark.parametrize("n, limit", ORIGINAL)
def test_worker_works_only_while_holding_a_slot(judge, n, limit):
    """A thread is inside work() only while it holds a slot of the semaphore it was given."""
    seen = run_crowd(judge, n, limit)
    assert not seen["unslotted"], M.WORK_WITHOUT_SLOT.format(names=sorted(set(seen["unslotted"])))


@pytest.mark.parametrize("n, limit", ORIGINAL)
def test_worker_uses_and_unuses_while_holding_its_slot(judge, n, limit):
    """A worker that runs work() calls pool.use(name) and pool.unuse(name), holding its slot."""
    seen = judge.run(crowd_calls, n, limit, deadline=DEADLINE, stuck=M.STUCK, hints=HINTS)
    assert_finished(seen)
    without_slot = {"use": M.USE_WITHOUT_SLOT, "unuse": M.UNUSE_WITHOUT_SLOT}
    for name in sorted(set(seen["worked"])):
        mine = [(method, arg, held) for who, method, arg, held in seen["calls"] if who == name]
        got = [f"{method}({arg!r})" for method, arg, _ in mine]
        assert got == [f"use({name!r})", f"unuse({name!r})"], M.NOT_THROUGH_USE_AND_UNUSE.format(
            name=name, calls=", ".join(got) or "nothing"
        )
        for method, _, held in mine:
            assert held, without_slot[method].format(name=name)


@pytest.mark.parametrize("n, limit", ORIGINAL)
def test_worker_keeps_its_name_in_the_pool_while_working(judge, n, limit):
    """While threads are inside work(), pool.active is the list of exactly their names."""
    seen = run_crowd(judge, n, limit)
    kind, active = seen["active"]
    assert kind == "list", M.ACTIVE_NOT_A_LIST.format(kind=kind)
    assert sorted(active) == seen["inside"], M.NAMES_NOT_IN_POOL.format(
        inside=seen["inside"], active=active
    )


@pytest.mark.parametrize("n", [pytest.param(3, id="three"), pytest.param(5, id="five")])
def test_pool_keeps_the_right_names_when_threads_leave_out_of_order(judge, n):
    """When a thread leaves, its own name leaves pool.active, whatever the order of leaving."""
    seen = judge.run(leave_in_turn, n, deadline=DEADLINE, stuck=M.STUCK, hints=HINTS)
    inside = len(seen["inside"])
    assert inside == n, M.NOT_ENOUGH_INSIDE.format(inside=inside, n=n, limit=n, expected=n)
    assert sorted(seen["arrived"]) == seen["inside"], M.NAMES_NOT_IN_POOL.format(
        inside=seen["inside"], active=seen["arrived"]
    )
    remaining = names(n)
    for left, running, got in seen["steps"]:
        assert not running, M.WORKER_DID_NOT_FINISH.format(names=[left])
        remaining.remove(left)
        assert got == remaining, M.LEFT_WRONG_NAME.format(left=left, got=got, expected=remaining)
    assert_finished(seen)


def test_worker_takes_its_name_out_when_work_raises(judge):
    """If work() raises, the thread's name still leaves the pool."""
    seen = judge.run(one_worker, True, deadline=DEADLINE, stuck=M.STUCK, hints=HINTS)
    assert_finished(seen)
    assert not seen["active"], M.NAME_LEAKED.format(names=seen["active"])


def test_worker_gives_its_slot_back_when_work_raises(judge):
    """If work() raises, the semaphore slot is still released."""
    seen = judge.run(one_worker, True, deadline=DEADLINE, stuck=M.STUCK, hints=HINTS)
    assert_finished(seen)
    assert not seen["held"], M.SLOT_LEAKED.format(taken=seen["held"])


@pytest.mark.parametrize(
    "raises", [pytest.param(False, id="work-returns"), pytest.param(True, id="work-raises")]
)
def test_worker_never_over_releases_a_bounded_semaphore(judge, raises):
    """worker releases the semaphore exactly as often as it acquires it."""
    seen = judge.run(one_worker, raises, deadline=DEADLINE, stuck=M.STUCK, hints=HINTS)
    assert_finished(seen)
    assert not seen["surplus"], M.OVER_RELEASED


# --- tests: the pool's lock ---------------------------------------------------------------------


def test_use_and_unuse_change_active_only_while_holding_the_lock(judge):
    """Every change of pool.active happens while the changing thread holds pool.lock."""
    seen = judge.run(use_and_unuse, deadline=DEADLINE, stuck=M.STUCK)
    assert seen["kind"] == "list", M.ACTIVE_NOT_A_LIST.format(kind=seen["kind"])
    unlocked = [(thread, change) for change, thread, held in seen["changes"] if not held]
    if unlocked:
        thread, change = unlocked[0]
        pytest.fail(M.LOCK_NOT_HELD.format(thread=thread, change=change), pytrace=False)


def test_use_and_unuse_give_the_lock_back(judge):
    """use and unuse return with pool.lock free again."""
    seen = judge.run(use_and_unuse, deadline=DEADLINE, stuck=M.STUCK)
    assert seen["stuck"] is None, M.CALL_STUCK.format(call=seen["stuck"])
    assert seen["kept"] is None, M.LOCK_KEPT.format(call=seen["kept"])


# --- tests: main --------------------------------------------------------------------------------


@pytest.mark.parametrize("n, limit", CROWDS)
def test_main_never_lets_more_than_limit_inside(judge, n, limit):
    """main(n, limit, work) never has more than `limit` threads inside work() at once."""
    seen = run_crowd_main(judge, n, limit)
    assert seen["most"] <= limit, M.MAIN_TOO_MANY_INSIDE.format(n=n, limit=limit, most=seen["most"])


@pytest.mark.parametrize("n, limit", CROWDS + FEWER_THAN_SLOTS)
def test_main_fills_every_slot(judge, n, limit):
    """main(n, limit, work) has min(n, limit) threads inside work() together."""
    seen = run_crowd_main(judge, n, limit)
    expected = min(n, limit)
    inside = len(seen["inside"])
    assert inside >= expected, M.MAIN_NOT_ENOUGH_INSIDE.format(
        n=n, limit=limit, inside=inside, expected=expected
    )


@pytest.mark.parametrize(
    "n, limit", [pytest.param(7, 5, id="seven"), pytest.param(4, 2, id="four")]
)
def test_main_runs_each_thread_inside_once(judge, n, limit):
    """Each of the threads "thread-0" ... "thread-{n-1}" runs work() exactly once."""
    seen = run_crowd_main(judge, n, limit)
    assert seen["started"] >= n, M.MAIN_STARTED_TOO_FEW.format(
        n=n, limit=limit, started=seen["started"]
    )
    skipped = seen["returned_without_slot"]
    assert not skipped, M.RETURNED_WITHOUT_SLOT.format(names=skipped)
    entries = seen["entries"]
    assert len(entries) == n, M.WORK_COUNT.format(n=n, count=len(entries))
    assert sorted(entries) == sorted(names(n)), M.THREAD_NAMES.format(
        got=sorted(entries), expected=names(n)
    )


@pytest.mark.parametrize("n, limit", ORIGINAL)
def test_main_joins_every_thread_before_returning(judge, n, limit):
    """When main returns, it has joined every thread it started."""
    seen = run_crowd_main(judge, n, limit)
    assert seen["returned"], M.MAIN_DID_NOT_RETURN.format(n=n, limit=limit)
    assert not seen["unjoined"], M.NOT_JOINED.format(names=seen["unjoined"])


@pytest.mark.parametrize("n, limit", ORIGINAL)
def test_main_returns_its_pool_empty(judge, n, limit):
    """main returns the ResourcePool, whose active list is empty once every thread is done."""
    seen = run_crowd_main(judge, n, limit)
    assert seen["returned"], M.MAIN_DID_NOT_RETURN.format(n=n, limit=limit)
    assert seen["pool"][0] == "pool", M.NOT_A_POOL.format(value=seen["pool"][1])
    _, kind, active = seen["pool"]
    assert kind == "list", M.ACTIVE_NOT_A_LIST.format(kind=kind)
    assert not active, M.POOL_NOT_EMPTY.format(names=active)


@pytest.mark.parametrize("n, limit", ORIGINAL)
def test_main_returns_the_pool_its_threads_used(judge, n, limit):
    """The pool main returns is the one its workers put their names in."""
    seen = judge.run(
        crowd_main_pools, n, limit,
        deadline=DEADLINE, stuck=M.STUCK, hints=HINTS, prepare=record_threading,
    )
    assert seen["returned"], M.MAIN_DID_NOT_RETURN.format(n=n, limit=limit)
    assert seen["pool"][0] == "pool", M.NOT_A_POOL.format(value=seen["pool"][1])
    assert not seen["others"], M.NOT_THE_POOL_USED.format(count=seen["others"])


def test_main_runs_with_its_defaults(judge):
    """main() runs thread-0 ... thread-6, each once, through a semaphore of 5 slots."""
    seen = judge.run(
        main_defaults, deadline=DEADLINE, stuck=M.STUCK, hints=HINTS, prepare=record_threading
    )
    got = sorted(name for name, _ in seen["acquired"])
    slots = sorted({slots for _, slots in seen["acquired"]})
    assert got == names(7) and slots == [5], M.DEFAULTS.format(got=got, slots=slots)


def test_script_runs_its_demo(judge):
    """The file defines its API, and `python pool.py` runs any demo it has to the end."""
    judge.check_api("ResourcePool", "worker", "main")
    judge.run_demo()
