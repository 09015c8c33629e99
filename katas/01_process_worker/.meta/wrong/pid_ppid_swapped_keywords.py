"""Wrong: the Report is built with keywords, pid=os.getppid() and ppid=os.getpid().

expect: test_worker_puts_one_report_about_its_own_process -> PIDS_SWAPPED
expect: test_main_runs_as_many_processes_as_asked -> PIDS_SWAPPED
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
    me = multiprocessing.current_process()
    reports.put(Report(name=me.name, argument=count, pid=os.getppid(), ppid=os.getpid()))


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


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
