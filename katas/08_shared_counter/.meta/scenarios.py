"""Scenarios of kata 08 (shared counter), run in the judge's child against the student's
`counter.py`.

The student's code gets values and locks of a `shared_values.Lab`: each read and write of the
counter is logged in shared memory, from whichever process makes it, with the holds of the lab's
locks it fell in, so a read and its write outside one hold of the lock are seen every run,
whatever the scheduling. `add` is called here on such a counter (with no lock of its own, with
one, or handed its own lock as `lock`), with one more increment at each of its first releases of
`lock` (`shared_values.Interloper`), or while another process holds `lock`; `main` is handed a
`shared_values.CounterContext`, whose Value and Lock are the lab's and whose processes record their
starts and joins. Whatever reaches a child lives in `katakit.instruments.shared_values`, so that
every start method finds it by name.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.synchronize
import os
import threading

from katakit.instruments import plain, processes, seconds, shared_values

#: The counters `add` is handed: (value made with a lock of its own?, handed that lock as `lock`?)
COUNTERS = {
    "raw": (False, False),
    "synchronized": (True, False),
    "own-lock": (True, True),
}


@contextlib.contextmanager
def locks_made():
    """Record the locks made while the block runs: multiprocessing's (any context's) and
    threading's Lock and RLock, each by its name."""
    made: list[str] = []
    semlock_init = multiprocessing.synchronize.SemLock.__init__

    def recording_init(self, *args, **kwargs):
        made.append(f"multiprocessing {type(self).__name__}")
        semlock_init(self, *args, **kwargs)

    def recording(name):
        original = getattr(threading, name)

        def make(*args, **kwargs):
            made.append(f"threading.{name}")
            return original(*args, **kwargs)

        return original, make

    factories = {name: recording(name) for name in ("Lock", "RLock")}
    multiprocessing.synchronize.SemLock.__init__ = recording_init
    for name, (_, make) in factories.items():
        setattr(threading, name, make)
    try:
        yield made
    finally:
        multiprocessing.synchronize.SemLock.__init__ = semlock_init
        for name, (original, _) in factories.items():
            setattr(threading, name, original)


def counter_and_lock(lab, kind, start):
    """A counter of `kind` (see `COUNTERS`) at `start`, and the lock `add` is handed with it."""
    synchronized, own = COUNTERS[kind]
    counter = lab.value("i", start, lock=synchronized)
    return counter, counter.get_lock() if own else lab.lock()


def call_add(counter_module, kind, start, times):
    """add(counter, lock, times) here, on a counter of `kind` at `start`: what it did to the
    counter, each access with its holds, and the locks add made."""
    lab = shared_values.Lab()
    counter, lock = counter_and_lock(lab, kind, start)
    with locks_made() as made:
        counter_module.add(counter, lock, times)
    return {
        "value": plain(counter.stored),
        "log": lab.entries(),
        "locks": lab.locks(),
        "lock": lock.id,
        "made": made,
    }


def call_add_between_increments(counter_module, start, times):
    """add(counter, lock, times) here on a counter with no lock of its own at `start`, with one
    more increment of it each of the first `times` times add releases `lock`
    (`shared_values.Interloper`): the counter's value in the end, the writes add made, and the
    increments made between add's holds."""
    lab = shared_values.Lab()
    counter = lab.value("i", start, lock=False)
    lock = shared_values.Interloper(lab.lock(), counter, most=times)
    counter_module.add(counter, lock, times)
    writes = sum(entry[0] == "write" for entry in lab.entries())
    return {"value": plain(counter.stored), "writes": writes, "between": lock.made}


def add_while_another_process_holds_lock(counter_module, start, times):
    """add(counter, lock, times) here while another process holds `lock`, until add waits for
    it, or was refused it three times, or returned: what add touched meanwhile, whether it
    waited, and the counter's value in the end."""
    lab = shared_values.Lab("fork")
    counter, lock = counter_and_lock(lab, "synchronized", start)
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    holder = context.Process(
        target=shared_values.hold_until_contended, args=(lock, lab, ready), name="holder"
    )
    holder.start()
    if not ready.wait(seconds(processes.CHILD_WAIT)):
        raise TimeoutError("the process that holds the lock did not start: the machine is too busy")
    error = None
    try:
        counter_module.add(counter, lock, times)
    except BaseException as exc:  # the student's exception is an observation
        error = exc
    lab.done()
    holder.join(seconds(processes.CHILD_WAIT))
    during = [(kind, value) for kind, _, value, _, _, fenced, _ in lab.entries() if fenced]
    if error is not None and not during:
        raise error  # the judge shows where, and a stub's NotImplementedError points at the TODO
    [slot] = [found for found in lab.locks() if found["id"] == lock.id]
    return {
        "during": during,
        "waited": bool(slot["waited"] or slot["refused"]),
        "value": plain(counter.stored),
        "error": None if error is None else f"{type(error).__name__}: {error}",
    }


def run_main(counter_module, method, n, times):
    """main(n, times, context) with a `CounterContext` of `method`: what it returned, the
    starts, joins and reads of this process in order, every access of the counter with its
    holds, the locks and values made, this process's pid, and the plain locks main gave a
    Value as its own."""
    context = shared_values.CounterContext(method)
    plain_own_locks = plain_locks_given_to_values(context)
    try:
        returned = counter_module.main(n, times, context)
    finally:
        context.let_go()
    lab = context.lab
    return {
        "returned": plain(returned),
        "events": list(processes.PROCESS_EVENTS),
        "started": list(shared_values.STARTED),
        "log": lab.entries(),
        "overflow": lab.overflow(),
        "locks": lab.locks(),
        "values": lab.values_made(),
        "me": os.getpid(),
        "plain_own_locks": plain_own_locks,
    }


def plain_locks_given_to_values(context):
    """Record, in the list returned, each plain (not re-entrant) Lock of `context` that main
    gives to context.Value as the value's own lock."""
    found: list[int] = []
    make = context.Value

    def value(typecode_or_type, *args, lock=True):
        if isinstance(lock, shared_values.ProbeLock) and not lock.reentrant:
            found.append(lock.id)
        return make(typecode_or_type, *args, lock=lock)

    context.Value = value
    return found


def run_main_on_default_method(counter_module, method, n, times):
    """main(n, times) with no context, after setting the default start method to `method`:
    what it returned, and the start method of each process it started. The default context
    (multiprocessing.get_context()) is a `CounterContext` of `method`, and multiprocessing's
    Value, RawValue, Lock and RLock are its: a process that ends holding the lock does not leave
    the others waiting forever."""
    multiprocessing.set_start_method(method, force=True)
    default = shared_values.CounterContext(method)
    get_context = multiprocessing.get_context
    multiprocessing.get_context = lambda method=None: get_context(method) if method else default
    for name in ("Value", "RawValue", "Lock", "RLock"):
        setattr(multiprocessing, name, getattr(default, name))
    methods = []
    start = multiprocessing.process.BaseProcess.start

    def recording_start(process):
        methods.append(process._start_method or multiprocessing.get_start_method())
        start(process)

    multiprocessing.process.BaseProcess.start = recording_start
    try:
        returned = counter_module.main(n, times)
    finally:
        default.let_go()
    return {"returned": plain(returned), "methods": methods}
