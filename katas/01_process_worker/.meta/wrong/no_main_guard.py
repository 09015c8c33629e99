"""Wrong: main() is called at the top level (no __main__ guard): every import starts processes.

Importing it never finishes, in two ways. Under fork (Linux's default start method up to 3.13)
each child's queue feeder thread waits for the import lock that the forked main thread holds,
so the children never exit and the judge's deadline ends the import. Under forkserver (3.14's
default) each child imports the module again and fails to start processes while bootstrapping,
so no report can ever come: the judge says so at once.

expect: test_importing_the_module_starts_no_process -> STARTED_AT_IMPORT
expect: test_worker_puts_one_report_about_its_own_process -> judge.STUCK_AT_IMPORT | judge.BUBBLE_AT_IMPORT
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
    results = [reports.get() for _ in processes]
    for process in processes:
        process.join()
    return sorted(results, key=lambda report: report.argument)


for report in main():
    print(f"name : {report.name}, argument : {report.argument}")
    print(f"parent pid : {report.ppid}, pid : {report.pid}")
