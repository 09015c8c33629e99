"""Correct: run() calls super().run() (a no-op without a target) and a Manager queue; workers made and started in one loop.
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
        super().__init__()
        self.name = name
        self.args = tuple(args)
        self.reports = reports

    def run(self) -> None:
        super().run()
        count, *_ = self.args
        self.reports.put(Report(self.name, count, os.getppid(), os.getpid()))


def main(n: int = 5) -> list[Report]:
    with multiprocessing.Manager() as manager:
        reports = manager.Queue()
        workers = []
        for i in range(n):
            worker = Worker("process %d" % i, (i,), reports)
            worker.start()
            workers.append(worker)
        results = sorted((reports.get() for _ in range(n)), key=lambda r: r[1])
        for worker in workers:
            worker.join()
    return results


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")

