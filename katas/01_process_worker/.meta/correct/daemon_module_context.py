"""Correct: daemon processes, the module itself as default context, each report put in its place
by argument (read before the joins)."""

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
    context = context or multiprocessing
    reports = context.Queue()
    processes = []
    for i in range(n):
        process = context.Process(target=worker, args=(i, reports), daemon=True)
        process.name = "process %i" % i
        processes.append(process)
    for process in processes:
        process.start()
    results = [None] * n
    for _ in range(n):
        report = reports.get()
        results[report.argument] = report
    for process in processes:
        process.join()
    return results


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
