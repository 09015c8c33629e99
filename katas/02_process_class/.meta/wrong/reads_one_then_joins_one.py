"""Wrong: having started every Worker, main reads one report and joins one Worker, in turn: the
report it read may be another Worker's, so it can join a Worker whose report it has not read.
Whether it did depended on the order the reports arrived in (a held-out file failed in about
half of the runs), until the rule made them arrive in reverse.

expect: test_main_reads_what_a_worker_put_before_joining_it -> JOINED_BEFORE_READING
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


class Worker(multiprocessing.Process):
    def __init__(self, name: str, args: tuple, reports) -> None:
        super().__init__(name=name)
        self.args = args
        self.reports = reports

    def run(self) -> None:
        self.reports.put(Report(self.name, self.args[0], os.getppid(), os.getpid()))


def main(n: int = 5) -> list[Report]:
    reports = multiprocessing.Queue()
    workers = [Worker(f"process {i}", (i,), reports) for i in range(n)]
    for worker in workers:
        worker.start()
    got = []
    for worker in workers:
        got.append(reports.get())
        worker.join()
    return sorted(got, key=lambda report: report.argument)


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
