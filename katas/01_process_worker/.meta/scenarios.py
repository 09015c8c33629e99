"""Scenarios of kata 01 (process worker), run in the judge's child against the student's
`worker.py`.

`worker` is called here or as a child's target; `main` is handed a context whose processes record
their starts (with their targets) and joins, and whose queues know what each process put and
main read (`RecordingContext`), or whose processes start in reverse order one at a time
(`ReversedContext`); a sleep of main's can be refused (`processes.refusing_sleep`). Every report
comes back as plain fields (`processes.reports_of`), with the pids it is checked against.
Whatever reaches a child (a context's Process class, a probe's target) lives in
`katakit.instruments.processes`, so that every start method finds it by name.
"""

from __future__ import annotations

import collections.abc
import functools
import multiprocessing
import os
import types

from katakit.instruments import processes


def call_worker_here(worker, count):
    """worker(count, sink) called in this process; what it put, and this process's ids."""
    sink = []
    worker.worker(count, types.SimpleNamespace(put=sink.append))
    me = multiprocessing.current_process().name
    return processes.reports_of(worker, sink), me, os.getppid(), os.getpid()


def run_worker_in_child(worker, method):
    """worker(7, queue) in a child named "process 7" started with `method`."""
    context = multiprocessing.get_context(method)
    reports = context.Queue()
    child = context.Process(target=worker.worker, args=(7, reports), name="process 7")
    child.start()
    return processes.child_outcome(worker, child, reports, method)


def run_main(worker, method, n):
    """main(n, context) with a context that records starts, joins and what was left unread, and
    whose children stamp each Report they pickle: which child sent each report main returned
    ("sent_by", None for one no child sent), and the pids of the children ("children")."""
    try:
        reports = worker.main(n, processes.RecordingContext(method, stamp="Report"))
    finally:
        processes.let_go()
    # Read once: an iterator returned would be empty the second time.
    reports = list(reports) if isinstance(reports, collections.abc.Iterable) else reports
    seen = processes.main_outcome(worker, reports, method)
    return {
        **seen,
        "events": list(processes.PROCESS_EVENTS),
        "targets": targets(worker),
        "sent_by": [getattr(report, "kata_pickled_by", None) for report in reports],
        "children": [processes.pid_of(process) for process in processes.STARTED],
    }


def targets(worker):
    """Each process started through the context: its name, whether its target is the module's
    worker (or a functools.partial of it), and the target's repr."""

    def is_worker(target) -> bool:
        while isinstance(target, functools.partial):
            target = target.func
        return target is worker.worker

    return [(name, is_worker(target), repr(target)) for name, target in processes.TARGETS]


def run_main_reversed(worker, n):
    """main(n) with a fork context that starts the n processes in reverse order, one at a time."""
    reports = worker.main(n, processes.ReversedContext(n))
    return processes.main_outcome(worker, reports, "fork")


def run_main_arriving_in_reverse(worker, n):
    """main(n, context) with a fork context that records starts, joins and what was left unread,
    and starts the n processes in reverse order, one at a time, so that the reports arrive in
    the reverse of the order main started the processes in: the events."""
    try:
        worker.main(n, processes.RecordingContext("fork", reverse=n))
    finally:
        processes.let_go()
    return list(processes.PROCESS_EVENTS)


def run_main_refusing_sleep(worker, n):
    """main(n, context) under fork, with its sleeps refused (`processes.refuse_sleeps` is the
    prepare): where main slept, if it did."""
    with processes.refusing_sleep(worker):
        try:
            worker.main(n, processes.RecordingContext("fork"))
        except processes.Slept as slept:
            return {"call": slept.call, "seconds": repr(slept.seconds), "line": slept.line}
        finally:
            processes.let_go()
    return None


def run_main_with_default_context(worker, method, n):
    """main(n) with no context, after setting the default start method to `method`."""
    return processes.main_on_default_method(worker, method, n)


def run_main_after_import(worker, n):
    """main(n) under fork, once the module has been imported with process starts refused."""
    processes.allow_starts()
    reports = worker.main(n, multiprocessing.get_context("fork"))
    return processes.reports_of(worker, reports)
