"""Wrong: a lambda as the target, which spawn and forkserver cannot pickle.

expect: test_main_runs_worker_in_each_process -> TARGET_NOT_WORKER
expect: test_main_returns_one_report_per_process[spawn] -> NOT_PICKLABLE
expect: test_main_returns_one_report_per_process[forkserver] -> NOT_PICKLABLE
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
    processes = [
        context.Process(target=lambda i=i: worker(i, reports), name=f"process {i}")
        for i in range(n)
    ]
    for process in processes:
        process.start()
    results = [reports.get() for _ in processes]
    for process in processes:
        process.join()
    return sorted(results, key=lambda report: report.argument)
