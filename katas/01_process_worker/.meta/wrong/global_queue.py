"""Wrong: the queue is a module global made at import time instead of being passed to each worker; spawn children get a fresh queue of their own.

expect: test_worker_puts_one_report_about_its_own_process -> REPORT_COUNT
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


REPORTS = multiprocessing.Queue()


def worker(count: int, reports=None) -> None:
    REPORTS.put(Report(multiprocessing.current_process().name, count, os.getppid(), os.getpid()))


def main(n: int = 5, context=None) -> list[Report]:
    context = context or multiprocessing.get_context()
    processes = [context.Process(target=worker, args=(i,), name=f"process {i}") for i in range(n)]
    for process in processes:
        process.start()
    results = [REPORTS.get() for _ in processes]
    for process in processes:
        process.join()
    return sorted(results, key=lambda report: report.argument)
