"""Wrong: joins every process, then drains the queue while it is not empty().

expect: test_main_reads_what_a_process_put_before_joining_it -> JOINED_BEFORE_READING
"""

from __future__ import annotations

import multiprocessing
import os
from typing import NamedTuple


class Report(NamedTuple):
    """What one worker tells its parent. Given: do not change it."""

    name: str
    argument: int
    ppid: int
    pid: int


def worker(count: int, reports) -> None:
    reports.put(Report(multiprocessing.current_process().name, count, os.getppid(), os.getpid()))


def main(n: int = 5, context=None) -> list[Report]:
    context = context or multiprocessing.get_context()
    q = context.Queue()
    processes = [context.Process(target=worker, args=(i, q), name=f"process {i}") for i in range(n)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    results = []
    while not q.empty():
        results.append(q.get())
    return sorted(results, key=lambda report: report.argument)


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
