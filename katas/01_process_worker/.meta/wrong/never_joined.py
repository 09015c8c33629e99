"""Wrong: the children are never joined.

expect: test_main_joins_every_process_it_started -> NOT_JOINED
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
    for i in range(n):
        context.Process(target=worker, args=(i, reports), name=f"process {i}").start()
    return sorted((reports.get() for _ in range(n)), key=lambda report: report.argument)
