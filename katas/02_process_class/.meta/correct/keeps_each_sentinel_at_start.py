"""Correct, written another way: main keeps each worker's sentinel as soon as it has started
it, and after reading every report waits on the sentinels before it joins."""

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
    queue = multiprocessing.Queue()
    started = []
    for i in range(n):
        w = Worker(f"process {i}", (i,), queue)
        w.start()
        started.append((w.sentinel, w))
    reports = [queue.get() for _ in range(n)]
    for _, w in started:
        w.join()
    return sorted(reports, key=lambda r: r.argument)


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")

