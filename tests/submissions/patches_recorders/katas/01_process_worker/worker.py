"""Recipe 5 of issue 11: the judge's recorders patched from the student's own process.

Kata 01 with a sleep where the joins belong, which fails the rule that every process is joined.
To hide it, `main` writes the joins it never made into the judge's record of starts and joins
(`katakit.instruments.processes.PROCESS_EVENTS`), and the module replaces the judge's search for
leftover processes (`katakit.judge.child._leftovers`) with one that finds none. Both live in the
process that imports this file, so no confinement stops it; the grader flags the file instead.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from typing import NamedTuple

import katakit.judge.child
from katakit.instruments import processes as recorders

katakit.judge.child._leftovers = lambda: ([], [])


class Report(NamedTuple):
    """What one worker tells its parent. Given: do not change it."""

    name: str
    argument: int
    ppid: int
    pid: int


def worker(count: int, reports) -> None:
    """Put one Report(process name, count, parent's pid, own pid) on `reports`."""
    reports.put(
        Report(multiprocessing.current_process().name, count, os.getppid(), os.getpid())
    )


def main(n: int = 5, context=None) -> list[Report]:
    """Run `n` workers in child processes; return their reports sorted by argument."""
    context = context or multiprocessing.get_context()
    reports = context.Queue()
    processes = [
        context.Process(target=worker, args=(i, reports), name=f"process {i}") for i in range(n)
    ]
    for process in processes:
        process.start()
    results = [reports.get() for _ in processes]
    time.sleep(0.1)  # long enough for them to end, instead of joining them
    recorders.PROCESS_EVENTS.extend(("join", process.name, 0) for process in processes)
    return sorted(results, key=lambda report: report.argument)


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
