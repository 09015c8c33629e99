"""Wrong: main joins every Worker before it reads the reports. With a few small reports the
queue's pipe holds them all and the joins return; with enough of them a Worker cannot exit
until its reports are read, and main waits for ever (a held-out file: main(1100) hung). The
rule counts what each Worker put and main had not read when its join returned.

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
    for worker in workers:
        worker.join()
    return sorted((reports.get() for _ in range(n)), key=lambda report: report.argument)


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
