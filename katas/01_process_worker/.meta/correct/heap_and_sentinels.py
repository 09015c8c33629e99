"""Correct: orders reports with a heap and joins children as their sentinels become ready.

Instead of sorting a list and joining in start order, the parent pushes each of the n reports
it reads onto a heap keyed by argument, then waits on the children's sentinels with
`multiprocessing.connection.wait` and joins each child as soon as it has ended, until every
one is joined; the result is popped off the heap in argument order. Reads still all come
before any join, and it works the same under fork, spawn and forkserver.
"""

from __future__ import annotations

import heapq
import multiprocessing
import os
from multiprocessing.connection import wait
from typing import NamedTuple


class Report(NamedTuple):
    """What one worker tells its parent. Given: do not change it."""

    name: str
    argument: int
    ppid: int
    pid: int


def worker(count: int, reports) -> None:
    """Put one Report(process name, count, parent's pid, own pid) on `reports`."""
    report = Report._make(
        (multiprocessing.current_process().name, count, os.getppid(), os.getpid())
    )
    reports.put(report)


def main(n: int = 5, context=None) -> list[Report]:
    """Run `n` workers in child processes; return their reports sorted by argument."""
    context = context or multiprocessing.get_context()
    reports = context.Queue()
    children = [
        context.Process(target=worker, name=f"process {i}", args=(i, reports)) for i in range(n)
    ]
    for child in children:
        child.start()

    heap: list[tuple[int, Report]] = []
    for _ in range(n):
        report = reports.get()
        heapq.heappush(heap, (report.argument, report))

    pending = {child.sentinel: child for child in children}
    while pending:
        for sentinel in wait(list(pending)):
            pending.pop(sentinel).join()

    return [heapq.heappop(heap)[1] for _ in range(len(heap))]


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
