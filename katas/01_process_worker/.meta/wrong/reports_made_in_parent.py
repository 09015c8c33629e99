"""Wrong: main builds the reports itself in the parent from the Process objects, ignoring what the workers put.

expect: test_main_returns_one_report_per_process[fork] -> REPORT_NOT_SENT
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
    for process in processes:
        process.join()
    return [Report(p.name, i, os.getpid(), p.pid) for i, p in enumerate(processes)]
