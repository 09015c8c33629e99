"""Correct: a SimpleQueue, and each name set after the Process is made (as in the original)."""

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
    reports = context.SimpleQueue()
    # `worker` itself, not a lambda, is the target: spawn and forkserver pickle it by name.
    processes = []
    for i in range(n):
        process = context.Process(target=worker, args=(i, reports))
        process.name = f"process {i}"
        processes.append(process)
    # Start them all before joining any, so that they run at the same time.
    for process in processes:
        process.start()
    # Read before joining: a child that has put on a queue may wait to flush it before it exits.
    results = [reports.get() for _ in processes]
    for process in processes:
        process.join()
    return sorted(results, key=lambda report: report.argument)


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
