"""Wrong: every process runs worker, but its `reports` is a sink whose put() throws the report
away, and main makes the n reports itself from what it knows: each process's name and pid, and
the pid the children see as parent (its own, or under forkserver the server's, read off one
probe child). The reports look right; none came back from a child.

expect: test_main_returns_one_report_per_process[fork] -> REPORT_NOT_SENT
expect: test_main_returns_the_reports_its_children_sent -> REPORT_NOT_SENT
"""

from __future__ import annotations

import multiprocessing
import os
from typing import NamedTuple


class Report(NamedTuple):
    name: str
    argument: int
    ppid: int
    pid: int


def worker(count: int, reports) -> None:
    reports.put(Report(multiprocessing.current_process().name, count, os.getppid(), os.getpid()))


class Discard:
    def put(self, item) -> None:
        pass


def children_parent(context) -> int:
    method = context.get_start_method()
    if method != "forkserver":
        return os.getpid()
    real = multiprocessing.get_context(method)
    queue = real.SimpleQueue()
    probe = real.Process(target=worker, args=(0, queue))
    probe.start()
    ppid = queue.get().ppid
    probe.join()
    return ppid


def main(n: int = 5, context=None) -> list[Report]:
    context = context or multiprocessing.get_context()
    ppid = children_parent(context)
    sink = Discard()
    processes = [
        context.Process(target=worker, args=(i, sink), name=f"process {i}") for i in range(n)
    ]
    for process in processes:
        process.start()
    made = [Report(p.name, i, ppid, p.pid) for i, p in enumerate(processes)]
    for process in processes:
        process.join()
    return made
