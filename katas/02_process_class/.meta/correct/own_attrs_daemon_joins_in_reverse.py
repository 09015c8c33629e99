"""Correct: keeps its own attributes (count, queue), daemon workers, keyword construction;
reads the reports as they come, then joins the workers in reverse order."""

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
        multiprocessing.Process.__init__(self, name=name, daemon=True)
        self.count = args[0]
        self.queue = reports

    def run(self) -> None:
        me = Report(name=self.name, argument=self.count, ppid=os.getppid(), pid=os.getpid())
        self.queue.put(me)


def main(n: int = 5) -> list[Report]:
    queue = multiprocessing.get_context().Queue()
    workers = {}
    for i in range(n):
        workers[i] = Worker(name=f"process {i}", args=(i,), reports=queue)
    for worker in workers.values():
        worker.start()
    by_argument = {}
    for _ in range(n):
        report = queue.get(timeout=30)
        by_argument[report.argument] = report
    for worker in reversed(list(workers.values())):
        worker.join()
    return [by_argument[i] for i in sorted(by_argument)]


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")

