"""Wrong: main takes its Process from `context` but its queue from the multiprocessing module (the default context), not from `context`.

expect: test_main_returns_one_report_per_process -> QUEUE_NOT_FROM_CONTEXT
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
    reports = multiprocessing.Queue()
    processes = [
        context.Process(target=worker, args=(i, reports), name=f"process {i}") for i in range(n)
    ]
    for process in processes:
        process.start()
    results = [reports.get() for _ in range(n)]
    for process in processes:
        process.join()
    return sorted(results, key=lambda report: report.argument)
