"""Correct: one Queue per worker, read in argument order, so no sort is needed.

main() gives each worker its own `multiprocessing.Queue` (made from the default context returned
by `multiprocessing.get_context()`), starts them all, then reads exactly one report from each
queue in the order 0..n-1, which is already the order by argument, and only then joins every
worker and releases the queues. The Worker is written like the lesson's original example:
`multiprocessing.Process.__init__(self)` first, then the name set through the `name` property.
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
        multiprocessing.Process.__init__(self)
        self.name = name
        self.args = args
        self.reports = reports

    def run(self) -> None:
        """What the child process executes after start(): put one Report on `reports`."""
        first = self.args[0]
        report = Report(name=self.name, argument=first, ppid=os.getppid(), pid=os.getpid())
        self.reports.put(report)


def main(n: int = 5) -> list[Report]:
    """Run `n` Workers; return their reports sorted by argument."""
    ctx = multiprocessing.get_context()  # the default start method, whatever it is now
    inboxes = [ctx.Queue() for _ in range(n)]
    workers = [Worker(f"process {i}", (i,), inbox) for i, inbox in enumerate(inboxes)]
    for worker in workers:
        worker.start()
    reports = [inbox.get() for inbox in inboxes]
    for worker in workers:
        worker.join()
    for inbox in inboxes:
        inbox.close()
        inbox.join_thread()
    return reports


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
