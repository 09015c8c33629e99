"""Scenarios of kata 02 (Process subclass), run in the judge's child against the student's
`workers.py`.

A `Worker` is made, run here or started; `main` runs on a default start method the scenario
sets, with the student's `Worker` class itself changed in place where its starts matter: it
records its starts and joins (`processes.record_in_place`), or starts its processes in reverse
order, one at a time (`processes.ReversedStarts`). Every report comes back as plain fields
(`processes.reports_of`), with the pids it is checked against.
"""

from __future__ import annotations

import multiprocessing
import os
import types

from katakit.instruments import processes


def make_worker(workers, name):
    """A Worker made with `name`, before it starts: is it a Process, and its name."""
    worker = workers.Worker(name, (3,), types.SimpleNamespace(put=None))
    return isinstance(worker, multiprocessing.Process), worker.name


def call_run_directly(workers):
    """Worker.run() called in this process, with no start(): what it put, and this process's pid."""
    sink = []
    workers.Worker("process 3", (3,), types.SimpleNamespace(put=sink.append)).run()
    return processes.reports_of(workers, sink), os.getpid()


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


def run_main_reversed(workers, n):
    """main(n) under fork, with Worker.start() wrapped in place so that the n workers start in
    reverse order, one at a time (see `processes.ReversedStarts`)."""
    multiprocessing.set_start_method("fork", force=True)
    cls = workers.Worker
    starts = processes.ReversedStarts(n, cls.start)

    def reversed_start(self):
        starts.ask(self)

    cls.start = reversed_start
    return processes.reports_of(workers, workers.main(n)), os.getpid()


def run_main_after_import(workers, n):
    """main(n) under fork, once the module has been imported with process starts refused."""
    processes.allow_starts()
    multiprocessing.set_start_method("fork", force=True)
    return processes.reports_of(workers, workers.main(n))
