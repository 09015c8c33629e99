"""Wrong: main reads reports until a get() with a timeout finds the queue empty. On a busy
machine a child can take longer than the timeout to put its report, and main returns without it.

expect: test_main_stops_reading_at_n_reports_not_at_a_timeout -> READ_UNTIL_TIMEOUT
"""

from __future__ import annotations

import multiprocessing
import os
import queue
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
    results = []
    while True:
        try:
            results.append(reports.get(timeout=1))
        except queue.Empty:
            break
    for process in processes:
        process.join()
    return sorted(results, key=lambda report: report.argument)


if __name__ == "__main__":
    for report in main():
        print(report)
