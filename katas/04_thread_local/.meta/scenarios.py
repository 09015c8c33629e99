"""Scenarios of kata 04 (thread-local data), run in the judge's child against the student's
`local_data.py`.

Threads are ordered with a Barrier (every thread has set its value before any reads it back)
and with join() (a thread starts only after the previous one has finished), never with sleep.
For the rule that main joins its threads, each of them takes SLOW seconds of the bubble's
virtual time (free in real time), so that a join() with a timeout runs out first.
The rules about main(n) run it with `record_threads` as their prepare: its threads record their
start and join, and are held in run() until main has started all n of them, so that they all
live at once and none can inherit the ident of one that has finished. The module's make_store
and set_local_data record the stores main makes and uses, and the indexes each thread sets;
the calling thread reads main's store once main has returned. The rule that set_local_data reads
its after back runs with `record_locals` as its prepare: the stores made from threading.local
record each attribute read and written.
"""

from __future__ import annotations

import _thread
import itertools
import threading

from katakit.deadlines import DEFAULT_DEADLINE
from katakit.instruments import (
    THREADS,
    Runner,
    join_all,
    left,
    pass_time,
    plain,
    record_threads,
    seconds,
    until,
)

#: The index the scenario's own (calling) thread sets before it starts any thread.
CALLER_INDEX = 100
#: The index set by the thread that finishes before the others start.
FIRST_INDEX = 7
#: Threads started together, in batches one after another, until one gets the ident of that
#: finished thread: at most ROUNDS batches of BATCH threads (on Linux with glibc, which keeps a
#: few stacks of finished threads for reuse, the first batch gets it).
BATCH = 8
ROUNDS = 20
#: The indexes the two threads named "twin" set.
TWIN_INDEXES = (1, 2)
#: How long each of main's threads takes in set_local_data, in the bubble's virtual time, for
#: the rule that main joins them: longer than the timeouts a join() is given (1, 2 seconds), yet
#: short enough that a main polling join(0.001) stays far below the bubble's CPU budget.
SLOW = 5.0


def read_new_store(local_data, where):
    """read_index on a new store, in this thread or in a new one."""
    store = local_data.make_store()
    if where == "calling thread":
        return {"value": plain(local_data.read_index(store)), "errors": {}, "running": []}
    runner = Runner()
    runner.start("reader", local_data.read_index, store)
    running = runner.join()
    value = plain(runner.results.get("reader"))
    return {"value": value, "errors": runner.errors, "running": running}


def set_in_turn(local_data, indexes):
    """set_local_data on a new store with each of `indexes` in turn, in this thread."""
    store = local_data.make_store()
    return [plain(local_data.set_local_data(store, index)) for index in indexes]


#: What the stores the student's code makes from `threading.local` saw, once `record_locals`
#: has put `RecordingLocal` in its place: ("read" or "write", the attribute), in order.
LOOKS: list[tuple[str, str]] = []


class RecordingLocal(threading.local):
    """threading.local, recording each read and each write of an attribute of the store's own
    (any not of the form __name__, and __dict__, which a store's values live in) in LOOKS."""

    def __getattribute__(self, name: str):
        if name == "__dict__" or not name.startswith("__"):
            LOOKS.append(("read", name))
        return super().__getattribute__(name)

    def __setattr__(self, name: str, value) -> None:
        LOOKS.append(("write", name))
        super().__setattr__(name, value)


def record_locals() -> None:
    """prepare=: the student's threading.local (also `from threading import local`, and a class
    of its own made from it) is a RecordingLocal."""
    threading.local = RecordingLocal


def set_and_look(local_data, index):
    """set_local_data(store, index) on a new store, in this thread: what it returned, and what it
    did with the store (an empty list for a store not made from threading.local)."""
    store = local_data.make_store()
    LOOKS.clear()
    returned = plain(local_data.set_local_data(store, index))
    return {"returned": returned, "looks": list(LOOKS)}


def read_set_wait_read(local_data, store, index, barrier):
    """In a new thread: read, set `index`, wait until every thread has set, read again."""
    try:
        first = local_data.read_index(store)
        local_data.set_local_data(store, index)
    except BaseException:
        barrier.abort()  # the other threads stop waiting at once
        raise
    barrier.wait()
    return plain(first), plain(local_data.read_index(store))


def run_threads_together(local_data, n):
    """This thread sets CALLER_INDEX; then `n` threads "thread-i" each set i + 1 and, once all
    have set, read their store again; then this thread reads its own again."""
    store = local_data.make_store()
    local_data.set_local_data(store, CALLER_INDEX)
    barrier = threading.Barrier(n, timeout=seconds())
    runner = Runner()
    for i in range(n):
        runner.start(f"thread-{i}", read_set_wait_read, local_data, store, i + 1, barrier)
    running = runner.join()
    return {
        "threads": runner.results,
        "errors": runner.errors,
        "running": running,
        "caller": plain(local_data.read_index(store)),
        "local": isinstance(store, threading.local),
    }


def run_twins(local_data):
    """Two threads both named "twin", alive together: each reads, sets its own index (1 or 2),
    waits until both have set, and reads again."""
    store = local_data.make_store()
    barrier = threading.Barrier(2, timeout=seconds())
    runners = [Runner(), Runner()]
    for runner, index in zip(runners, TWIN_INDEXES):
        runner.start("twin", read_set_wait_read, local_data, store, index, barrier)
    running = join_all([thread for runner in runners for thread in runner.threads])
    errors = {name: error for runner in runners for name, error in runner.errors.items()}
    reads = [runner.results.get("twin") for runner in runners]
    return {"reads": reads, "errors": errors, "running": running}


def use_two_stores(local_data, first, second):
    """Set 1 in `first`, read `second`, set 2 in `second`, read both."""
    local_data.set_local_data(first, 1)
    second_before = plain(local_data.read_index(second))
    local_data.set_local_data(second, 2)
    return second_before, plain(local_data.read_index(first)), plain(local_data.read_index(second))


def run_two_stores(local_data, where):
    """Two stores from make_store(), used in this thread or in a new one."""
    first, second = local_data.make_store(), local_data.make_store()
    if where == "calling thread":
        return {"reads": use_two_stores(local_data, first, second), "errors": {}, "running": []}
    runner = Runner()
    runner.start("user", use_two_stores, local_data, first, second)
    running = runner.join()
    return {"reads": runner.results.get("user"), "errors": runner.errors, "running": running}


def reuse_native_ids() -> None:
    """A prepare: each new thread's native id (threading.get_native_id(), Thread.native_id) is
    the smallest number above the main thread's that no other live thread has, as an OS gives a
    new thread the id of one that has ended (Linux does, once it has handed out every other id).
    """
    main = threading.main_thread()
    given: dict[int, tuple[threading.Thread, int]] = {id(main): (main, main.native_id)}
    guard = _thread.allocate_lock()  # a real lock: the bubble's own waits are not wanted here

    def native_id_of(thread: threading.Thread) -> int:
        with guard:
            entry = given.get(id(thread))
            if entry is None or entry[0] is not thread:
                taken = {n for t, n in given.values() if t is not thread and t.is_alive()}
                numbers = itertools.count(main.native_id + 1)
                entry = (thread, next(n for n in numbers if n not in taken))
                given[id(thread)] = entry
            return entry[1]

    def get_native_id() -> int:
        return native_id_of(threading.current_thread())

    def set_native_id(self: threading.Thread) -> None:
        self._native_id = native_id_of(self)

    threading.get_native_id = _thread.get_native_id = get_native_id
    threading.Thread._set_native_id = set_native_id


def read_then_set(local_data, store, index):
    """In a new thread: this thread's ident and native id, and what it reads before it sets
    `index`."""
    first = plain(local_data.read_index(store))
    local_data.set_local_data(store, index)
    return threading.get_ident(), threading.get_native_id(), first


def read_and_wait(local_data, store, barrier):
    """In a new thread: this thread's ident and native id and what it reads (it sets nothing);
    then wait until the whole batch has read, so that every thread of the batch is alive at
    once."""
    try:
        value = plain(local_data.read_index(store))
    except BaseException:
        barrier.abort()  # the other threads stop waiting at once
        raise
    barrier.wait()
    return threading.get_ident(), threading.get_native_id(), value


def run_after_a_finished_thread(local_data):
    """"thread-0" sets FIRST_INDEX and finishes. Then batches of BATCH threads read the store,
    each batch started after the previous one has finished, until a thread gets the ident of
    "thread-0" (at most ROUNDS batches, within a deadline). The threads of a batch are alive
    together, so between them they take every thread stack the C library keeps for reuse: the
    first batch gets "thread-0"'s as soon as that thread has fully exited."""
    store = local_data.make_store()
    runner = Runner()
    runner.start("thread-0", read_then_set, local_data, store, FIRST_INDEX)
    running = runner.join()
    if running or runner.errors:
        return {"seen": [], "errors": runner.errors, "running": running}
    first_ident, first_native, _ = runner.results["thread-0"]
    seen = []
    end = until()
    for batch in range(ROUNDS):
        runner = Runner()
        barrier = threading.Barrier(BATCH, timeout=seconds())
        names = [f"thread-{1 + batch * BATCH + i}" for i in range(BATCH)]
        for name in names:
            runner.start(name, read_and_wait, local_data, store, barrier)
        running = runner.join(end=end)
        if running or runner.errors:
            return {"seen": seen, "errors": runner.errors, "running": running}
        for name in names:
            ident, native, value = runner.results[name]
            seen.append((name, ident == first_ident, native == first_native, value))
        if any(same for _, same, _, _ in seen) or not left(end):
            break
    return {
        "seen": seen,
        "first_ident": first_ident,
        "first_native": first_native,
        "errors": {},
        "running": [],
    }


def run_main_from(local_data, n, caller):
    """run_main, called from a plain thread named `caller` instead of the child's main thread.
    An exception escapes that thread: the judge then fails the test with it."""
    runner = Runner(catch=False)
    runner.start(caller, run_main, local_data, n)
    # Past the judge's own deadline: a main that never returns ends as judge-stuck, not here.
    runner.join(DEFAULT_DEADLINE + 1)
    return runner.results.get(caller, {})


class Tagged(int):
    """An index as `record_stores` hands it on: the same int, which also knows the thread it
    went through (`by`) and how (`how`): "handed" to set_local_data(), or "read" back (what a
    set_local_data() or read_index() returned), wherever the student's code keeps it."""

    by: str
    how: str

    def __new__(cls, value: int, by: str, how: str) -> Tagged:
        tagged = super().__new__(cls, value)
        tagged.by, tagged.how = by, how
        return tagged

    __repr__ = __str__ = int.__repr__


def tag(value, thread: str, how: str):
    """`value` as a `Tagged` of `thread` and `how`, if it is an int; else as it is."""
    if isinstance(value, int) and type(value) is not bool:
        return Tagged(value, thread, how)
    return value


def read_back_by(result) -> dict:
    """How each int `after` of main's `result` reached it, by entry: (the thread, "read") when
    that thread's set_local_data() or read_index() returned it, (the thread, "handed") when that
    thread handed it to set_local_data(), and None when neither (main wrote it)."""
    if not isinstance(result, dict):
        return {}
    return {
        str(name): (pair[1].by, pair[1].how) if isinstance(pair[1], Tagged) else None
        for name, pair in result.items()
        if isinstance(pair, (tuple, list)) and len(pair) == 2 and isinstance(pair[1], int)
    }


def record_stores(local_data, slow: bool = False, sets: dict | None = None) -> list:
    """Every store the module's make_store() makes or its set_local_data() is handed, once each,
    from now on: main calls both by their global names, which now record. With `slow`, a
    set_local_data() in a thread other than this one takes SLOW seconds (virtual). With `sets`,
    the index each set_local_data() call set goes there, in a list under its thread's name. An
    int index reaches the student's set_local_data() as a `Tagged` of the calling thread,
    handed; the int each read_index() returns, and the after of the pair each set_local_data()
    returns, reach main as a `Tagged` of the calling thread, read."""
    caller = threading.current_thread()
    stores: list = []
    lock = threading.Lock()
    make_store, set_local_data = local_data.make_store, local_data.set_local_data
    read_index = local_data.read_index

    def keep(store):
        with lock:
            if not any(store is kept for kept in stores):
                stores.append(store)
        return store

    def recording_set_local_data(*args, **kwargs):
        keep(args[0] if args else kwargs.get("store"))
        me = threading.current_thread().name
        index = args[1] if len(args) > 1 else kwargs.get("index")
        if len(args) > 1:
            args = (args[0], tag(index, me, "handed"), *args[2:])
        elif "index" in kwargs:
            kwargs["index"] = tag(index, me, "handed")
        result = set_local_data(*args, **kwargs)
        if sets is not None:
            with lock:
                sets.setdefault(me, []).append(plain(index))
        if slow and threading.current_thread() is not caller:
            pass_time(SLOW)
        if type(result) in (tuple, list) and len(result) == 2:
            result = type(result)((result[0], tag(result[1], me, "read")))
        elif isinstance(result, tuple) and len(result) == 2 and hasattr(result, "_replace"):
            result = result._replace(**{result._fields[1]: tag(result[1], me, "read")})
        return result

    def recording_read_index(*args, **kwargs):
        return tag(read_index(*args, **kwargs), threading.current_thread().name, "read")

    local_data.make_store = lambda: keep(make_store())
    local_data.set_local_data = recording_set_local_data
    local_data.read_index = recording_read_index
    return stores


def run_main(local_data, n, slow=False):
    """main(n), its threads held until it has started all n (with `slow`, each then takes SLOW
    seconds of virtual time in set_local_data); then every thread is joined. Also: the indexes
    each thread set with set_local_data() ("sets"), what the calling thread reads from
    main's one store once main has returned ("after"; None if main used no store, or several),
    and how each entry's after reached main ("read_back_by")."""
    THREADS.hold_until(n)
    sets: dict = {}
    stores = record_stores(local_data, slow, sets)
    result = local_data.main(n)
    after = plain(local_data.read_index(stores[0])) if len(stores) == 1 else None
    not_joined = [thread.name for thread in THREADS.not_joined()]
    # One by one: each thread main left running gets its own deadline.
    for thread in THREADS.started:
        thread.join(seconds() + (SLOW if slow else 0))
    return {
        "result": plain(result),
        "caller": threading.current_thread().name,
        "started": len(THREADS.started),
        "not_joined": not_joined,
        "stores": len(stores),
        "sets": sets,
        "after": after,
        "read_back_by": read_back_by(result),
    }
