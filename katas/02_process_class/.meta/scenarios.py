"""Scenarios of kata 02 (Process subclass), run in the judge's child against the student's
`workers.py`.

A `Worker` is made, run here or started; `main` runs on a default start method the scenario
sets, with the start method of each process it starts recorded, and with the student's `Worker`
class itself changed in place where its starts matter: it records its starts and joins
(`processes.record_in_place`), or starts its processes in reverse order, one at a time
(`processes.reverse_in_place`). Every report comes back as plain fields
(`processes.reports_of`), with the pids it is checked against.
"""

from __future__ import annotations

import multiprocessing
import os
import types

from katakit.instruments import processes


def make_worker(workers, name):
    """A Worker made with `name`, before it starts: is it a Process (and if it is one of a start
    method's own Process classes, which method), and its name."""
    worker = workers.Worker(name, (3,), types.SimpleNamespace(put=None))
    pinned = getattr(worker, "_start_method", None)
    return isinstance(worker, multiprocessing.Process), pinned, worker.name


def call_run_directly(workers):
    """Worker.run() called in this process, with no start(): what it put, this process's pid and
    its parent's, and whether Worker overrides start()."""
    sink = []
    workers.Worker("process 3", (3,), types.SimpleNamespace(put=sink.append)).run()
    overrides = workers.Worker.start is not multiprocessing.process.BaseProcess.start
    return processes.reports_of(workers, sink), os.getpid(), os.getppid(), overrides


def start_one_worker(workers, method):
    """Worker("process 3", (3,), queue).start() under `method`, then join."""
    multiprocessing.set_start_method(method, force=True)
    # A SimpleQueue: its put() writes at once, also when an overridden start() puts in this
    # process (a Queue's feeder thread might not have written it yet when it is drained).
    reports = multiprocessing.SimpleQueue()
    worker = workers.Worker("process 3", (3,), reports)
    worker.start()
    return processes.child_outcome(workers, worker, reports, method)


def run_main(workers, method, n):
    """main(n) with the default start method set to `method`."""
    return processes.main_on_default_method(workers, method, n)


def run_main_recorded(workers, n):
    """main(n) under fork, with the student's Worker class itself recording start() and join()."""
    multiprocessing.set_start_method("fork", force=True)
    processes.record_in_place(workers.Worker)
    workers.main(n)
    return list(processes.PROCESS_EVENTS)


def run_main_recorded_in_reverse(workers, n):
    """run_main_recorded, with the n workers started in reverse order, one at a time (see
    `processes.ReversedStarts`), so that the reports arrive in the reverse of the order main
    started the workers in."""
    multiprocessing.set_start_method("fork", force=True)
    processes.record_in_place(workers.Worker)
    processes.reverse_in_place(workers.Worker, n)
    workers.main(n)
    return list(processes.PROCESS_EVENTS)


def run_main_reversed(workers, n):
    """main(n) under fork, with the Worker class changed in place so that the n workers start in
    reverse order, one at a time (see `processes.ReversedStarts`)."""
    multiprocessing.set_start_method("fork", force=True)
    processes.reverse_in_place(workers.Worker, n)
    return processes.main_outcome(workers, workers.main(n), "fork")


def run_main_after_import(workers, n):
    """main(n) under fork, once the module has been imported with process starts refused."""
    processes.allow_starts()
    multiprocessing.set_start_method("fork", force=True)
    return processes.reports_of(workers, workers.main(n))
