"""Wrong: main waits for n + 1 reports, so it never returns.

expect: test_main_runs_as_many_processes_as_asked -> judge.STARVED
expect: test_main_runs_as_many_processes_as_asked -> MAIN_STUCK
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
        context.Process(target=worker, args=(i, reports), name=f"process {i}") for i in range(n)
    ]
    for process in processes:
        process.start()
    results = [reports.get() for _ in range(n + 1)]
    for process in processes:
        process.join()
    return sorted(results, key=lambda report: report.argument)
