"""Correct: kwargs instead of args, and a dict of processes keyed by argument."""

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


def worker(count: int, reports) -> None:
    """Put one Report(process name, count, parent's pid, own pid) on `reports`."""
    # Printing here would only reach the child's stdout; the queue is the way back to the parent.
    reports.put(
        Report(multiprocessing.current_process().name, count, os.getppid(), os.getpid())
    )


def main(n: int = 5, context=None) -> list[Report]:
    """Run `n` workers in child processes; return their reports sorted by argument."""
    context = context or multiprocessing.get_context()
    reports = context.Queue()
    # `worker` itself, not a lambda, is the target: spawn and forkserver pickle it by name.
    processes = {
        i: context.Process(target=worker, kwargs={"count": i, "reports": reports}, name=f"process {i}")
        for i in range(n)
    }
    for process in processes.values():
        process.start()
    by_argument = {}
    while len(by_argument) < n:
        report = reports.get()
        by_argument[report.argument] = report
    for process in processes.values():
        process.join()
    return [by_argument[i] for i in range(n)]

if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
