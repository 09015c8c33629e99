"""Wrong: main() is called at the top level (no __main__ guard), with a SimpleQueue (so the import itself does not deadlock under fork).

expect: test_importing_the_module_starts_no_process -> STARTED_AT_IMPORT
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
    reports = context.SimpleQueue()
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
