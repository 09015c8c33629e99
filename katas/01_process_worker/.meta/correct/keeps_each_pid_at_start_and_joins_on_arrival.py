"""Correct, written another way: main keeps each process by its pid as soon as it has started
it, and joins each process as soon as its own report has been read."""

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
    """Join each process as soon as its own report has been read."""
    context = context or multiprocessing.get_context()
    queue = context.Queue()
    processes = [
        context.Process(target=worker, name=f"process {i}", args=(i, queue)) for i in range(n)
    ]
    by_pid = {}
    for p in processes:
        p.start()
        by_pid[p.pid] = p
    reports = []
    for _ in range(n):
        report = queue.get()
        reports.append(report)
        by_pid.pop(report.pid).join()
    for p in by_pid.values():
        p.join()
    return sorted(reports, key=lambda r: r.argument)


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")

