"""Wrong: with no context, main hard-codes fork instead of the default start method.

expect: test_main_without_context_uses_the_default_start_method -> NOT_DEFAULT_CONTEXT
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
    context = context or multiprocessing.get_context("fork")
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
