"""Correct: each process is started as soon as it is made (still all before any join); a SimpleQueue; sorted by itemgetter(1).
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


from operator import itemgetter


def main(n: int = 5, context=None) -> list[Report]:
    ctx = multiprocessing.get_context() if context is None else context
    q = ctx.SimpleQueue()
    started = []
    for i in range(n):
        p = ctx.Process(target=worker, kwargs=dict(reports=q, count=i), name=f"process {i}")
        p.start()
        started.append(p)
    got = [q.get() for _ in started]
    while started:
        started.pop().join()
    return sorted(got, key=itemgetter(1))


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")

