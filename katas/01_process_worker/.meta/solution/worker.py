"""Kata 01: a process worker.

Start `n` child processes that each run `worker`, and collect what each one reports.

`worker(count, reports)` runs inside a child process. It puts exactly one `Report` on
`reports` (a queue, or any object with `put`): the child's process name, its `count`
argument, the parent's PID (`os.getppid()`) and its own PID (`os.getpid()`).

`main(n, context)` takes its `Process` class and its queue from `context` (by default
`multiprocessing.get_context()`). It starts `n` processes named "process 0" ... "process n-1",
each with target `worker` and argument `i`; it starts all of them before it joins any, reads
exactly `n` reports, joins every process, and returns the reports sorted by `argument`.

Run the tests with `pytest katas/01_process_worker`; run the demo with
`python katas/01_process_worker/worker.py`.
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
    processes = [
        context.Process(target=worker, args=(i, reports), name=f"process {i}") for i in range(n)
    ]
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
