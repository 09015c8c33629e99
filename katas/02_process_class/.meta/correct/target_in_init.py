"""Correct: Worker hands a module-level function and its arguments to Process.__init__ and lets the inherited run() call it.
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



def _report(name, count, reports):
    reports.put(Report(name, count, os.getppid(), os.getpid()))


class Worker(multiprocessing.Process):
    def __init__(self, name: str, args: tuple, reports) -> None:
        super().__init__(target=_report, name=name, args=(name, args[0], reports))


def main(n: int = 5) -> list[Report]:
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

