"""Wrong: the work is in an overridden start() that then calls super().start().

expect: test_run_called_directly_runs_in_the_caller -> WORK_IN_START
expect: test_started_worker_reports_from_its_own_process -> RAN_IN_CALLER
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
    """A process that reports who it is through `reports`."""

    def __init__(self, name: str, args: tuple, reports) -> None:
        # The Process part must be set up first: it gives the object its name, pid and start().
        super().__init__(name=name)
        # Plain attributes travel with the object to the child (pickled under spawn).
        self.args = args
        self.reports = reports

    def start(self) -> None:
        self.reports.put(Report(self.name, self.args[0], os.getppid(), os.getpid()))
        super().start()


def main(n: int = 5) -> list[Report]:
    """Run `n` Workers; return their reports sorted by argument."""
    reports = multiprocessing.Queue()
    workers = [Worker(f"process {i}", (i,), reports) for i in range(n)]
    # start(), never run(): start() makes the child, which then calls run().
    for worker in workers:
        worker.start()
    # Read before joining: a child may wait to flush its queue before it can exit.
    results = [reports.get() for _ in workers]
    for worker in workers:
        worker.join()
    return sorted(results, key=lambda report: report.argument)


# The guard: under spawn each child imports this file again, and must not call main() itself.
if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
