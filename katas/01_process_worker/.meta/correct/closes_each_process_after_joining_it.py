"""Correct: the plain solution, plus `process.close()` right after each `process.join()`
(Process.close(), Python 3.7+: "Close the Process object, releasing all resources associated
with it"), so main leaves no open sentinel behind.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
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
    reports.put(Report(multiprocessing.current_process().name, count, os.getppid(), os.getpid()))
def main(n: int = 5, context=None) -> list[Report]:
    """Run `n` workers in child processes; return their reports sorted by argument."""
    context = context or multiprocessing.get_context()
    queue = context.Queue()
    processes = [context.Process(target=worker, name=f"process {i}", args=(i, queue)) for i in range(n)]
    for process in processes:
        process.start()
    reports = [queue.get() for _ in range(n)]
    for process in processes:
        process.join()
        process.close()
    return sorted(reports, key=lambda report: report.argument)


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
