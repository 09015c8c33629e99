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
    # TODO: put exactly one Report on `reports`. Take the name from
    # multiprocessing.current_process() and the pids from os.getppid() and os.getpid().
    raise NotImplementedError


def main(n: int = 5, context=None) -> list[Report]:
    """Run `n` workers in child processes; return their reports sorted by argument."""
    context = context or multiprocessing.get_context()
    # TODO: make a queue with context.Queue(), then create n context.Process objects named
    # "process i" with target worker and args (i, queue). Start all of them, then read n
    # reports, then join every process, and return the reports sorted by argument.
    raise NotImplementedError


if __name__ == "__main__":
    for report in main():
        print(f"name : {report.name}, argument : {report.argument}")
        print(f"parent pid : {report.ppid}, pid : {report.pid}")
