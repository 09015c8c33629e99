"""Correct: joins each process as soon as its own report has been read (the docs' rule: what a
process put is read before it is joined), in the order the reports arrive."""

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


def main(n: int = 5, context=None) -> list[Report]:
    context = context or multiprocessing.get_context()
    reports = context.SimpleQueue()
    processes = {
        i: context.Process(target=worker, args=(i, reports), name=f"process {i}") for i in range(n)
    }
    for process in processes.values():
        process.start()
    results = []
    while processes:
        report = reports.get()
        processes.pop(report.argument).join()
        results.append(report)
    return sorted(results, key=lambda report: report.argument)


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
