"""Wrong: main reads reports until a get() with a timeout finds the queue empty. On a busy
machine a worker can take longer than the timeout to put its report, and main returns without it.

expect: test_main_stops_reading_at_n_reports_not_at_a_timeout -> READ_UNTIL_TIMEOUT
"""

from __future__ import annotations

import multiprocessing
import os
import queue
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

    def run(self) -> None:
        """What the child process executes after start(): put one Report on `reports`."""
        # run() executes in the child, so these pids are the child's; the queue carries them back.
        self.reports.put(Report(self.name, self.args[0], os.getppid(), os.getpid()))


def main(n: int = 5) -> list[Report]:
    """Run `n` Workers; return their reports sorted by argument."""
    reports = multiprocessing.Queue()
    workers = [Worker(f"process {i}", (i,), reports) for i in range(n)]
    # start(), never run(): start() makes the child, which then calls run().
    for worker in workers:
        worker.start()
    results = []
    while True:
        try:
            results.append(reports.get(timeout=1))
        except queue.Empty:
            break
    for worker in workers:
        worker.join()
    return sorted(results, key=lambda report: report.argument)


# The guard: under spawn each child imports this file again, and must not call main() itself.
if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
