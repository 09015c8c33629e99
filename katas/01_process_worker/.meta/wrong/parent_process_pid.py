"""Wrong: worker reports multiprocessing.parent_process().pid (the process that asked for the child), not os.getppid(): under forkserver they differ.

expect: test_worker_reports_from_the_child_it_runs_in[forkserver] -> WRONG_PPID
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
    parent = multiprocessing.parent_process()
    ppid = parent.pid if parent is not None else os.getppid()
    reports.put(Report(multiprocessing.current_process().name, count, ppid, os.getpid()))

def main(n: int = 5, context=None) -> list[Report]:
    context = context or multiprocessing.get_context()
    reports = context.Queue()
    processes = [
        context.Process(target=worker, args=(i, reports), name=f"process {i}") for i in range(n)
    ]
    for process in processes:
        process.start()
    results = [reports.get() for _ in processes]
    for process in processes:
        process.join()
    return sorted(results, key=lambda report: report.argument)
