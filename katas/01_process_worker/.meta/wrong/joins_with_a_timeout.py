"""Wrong: main reads every report, then joins each process with a timeout and returns whether
or not the process has ended. On a quiet machine the processes end in time; on a busy one main
returns with them still running.

expect: test_main_joins_every_process_it_started -> JOIN_TIMED_OUT
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
    got = [reports.get() for _ in range(n)]
    for process in processes:
        process.join(timeout=1)
    return sorted(got, key=lambda report: report.argument)
