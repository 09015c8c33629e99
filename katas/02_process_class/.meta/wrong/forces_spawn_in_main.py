"""Wrong: main forces the spawn start method (set_start_method(\"spawn\", force=True)) instead of using the default one.

expect: test_main_returns_one_report_per_worker[fork] -> OTHER_START_METHOD
expect: test_main_returns_one_report_per_worker[forkserver] -> OTHER_START_METHOD
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



class Worker(multiprocessing.Process):
    def __init__(self, name: str, args: tuple, reports) -> None:
        super().__init__(name=name)
        self.args = args
        self.reports = reports

    def run(self) -> None:
        self.reports.put(Report(self.name, self.args[0], os.getppid(), os.getpid()))


def main(n: int = 5) -> list[Report]:
    multiprocessing.set_start_method("spawn", force=True)
    reports = multiprocessing.Queue()
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

