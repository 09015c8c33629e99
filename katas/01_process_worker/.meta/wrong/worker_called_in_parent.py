"""Wrong: worker is called in the parent; the processes get no target.

expect: test_main_runs_worker_in_each_process -> TARGET_NOT_WORKER
expect: test_main_returns_one_report_per_process -> RAN_IN_CALLER
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


def main(n: int = 5, context=None) -> list[Report]:
    context = context or multiprocessing.get_context()
    reports = context.Queue()
    processes = [context.Process(name=f"process {i}") for i in range(n)]
    for i, process in enumerate(processes):
        process.start()
        worker(i, reports)
    results = [reports.get() for _ in processes]
    for process in processes:
        process.join()
    return sorted(results, key=lambda report: report.argument)
