"""Wrong: joins every process first, then reads the n reports (daemon processes, the module as
default context). With a few reports it works; with enough to fill the queue's pipe, the children
cannot exit and the joins wait for ever.

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
    context = context or multiprocessing
    reports = context.Queue()
    processes = []
    for i in range(n):
        process = context.Process(target=worker, args=(i, reports), daemon=True)
        process.name = "process %i" % i
        processes.append(process)
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    results = [None] * n
    for _ in range(n):
        report = reports.get()
        results[report.argument] = report
    return results


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
