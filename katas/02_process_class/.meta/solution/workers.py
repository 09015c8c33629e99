"""Kata 02: a Process subclass, and the __main__ guard.

Write `Worker`, a subclass of `multiprocessing.Process`, and a `main` that runs `n` of them.

`Worker(name, args, reports)` is a process named `name`. Its `run()`, which executes in the
child once the parent calls `start()`, puts one `Report(self.name, args[0], os.getppid(),
os.getpid())` on `reports`.

`main(n)` starts `n` workers named "process 0" ... "process n-1" with `args=(i,)`, on the
default start method; it starts all of them before it joins any, reads `n` reports, joins
every worker, and returns the reports sorted by `argument`.

Run as a script (`python katas/02_process_class/workers.py`), this file prints two lines per
worker; it must work under the `spawn` start method, where each child imports this file again.

Run the tests with `pytest katas/02_process_class`.
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
