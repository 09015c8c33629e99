"""Correct: processes in a dict keyed by name, reports read with get(timeout=...), joined in reverse order, positional Process arguments.
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


def worker(count: int, reports) -> None:
    reports.put(Report(multiprocessing.current_process().name, count, os.getppid(), os.getpid()))


import operator
import queue as queue_module


def main(n: int = 5, context=None) -> list[Report]:
    if context is None:
        context = multiprocessing.get_context()
    reports = context.Queue()
    processes = {}
    for i in range(n):
        processes[f"process {i}"] = context.Process(None, worker, f"process {i}", (i, reports))
    for process in processes.values():
        process.start()
    results = []
    while len(results) < n:
        try:
            results.append(reports.get(timeout=30))
        except queue_module.Empty:
            raise RuntimeError("a worker did not report") from None
    for name in reversed(list(processes)):
        processes[name].join()
    results.sort(key=operator.attrgetter("argument"))
    return results


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")

