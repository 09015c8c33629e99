"""Wrong: a module-level spawn context, and Worker subclasses its Process ("spawn works
everywhere").

expect: test_worker_is_a_process_named_as_given -> PINNED_CLASS
expect: test_started_worker_reports_from_its_own_process[forkserver] -> OTHER_START_METHOD
expect: test_main_runs_as_many_workers_as_asked -> OTHER_START_METHOD
expect: test_main_returns_one_report_per_worker[fork] -> OTHER_START_METHOD
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

CONTEXT = multiprocessing.get_context("spawn")


class Worker(CONTEXT.Process):
    def __init__(self, name: str, args: tuple, reports) -> None:
        CONTEXT.Process.__init__(self, name=name)
        self.args = args
        self.reports = reports

    def run(self) -> None:
        self.reports.put(Report(self.name, self.args[0], os.getppid(), os.getpid()))


def main(n: int = 5) -> list[Report]:
    reports = CONTEXT.Queue()
    workers = [Worker(f"process {i}", (i,), reports) for i in range(n)]
    for worker in workers:
        worker.start()
    results = [reports.get() for _ in workers]
    for worker in workers:
        worker.join()
    return sorted(results, key=lambda report: report.argument)


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
