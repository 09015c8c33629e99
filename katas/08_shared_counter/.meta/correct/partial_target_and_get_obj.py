"""Correct: a functools.partial target with times as a keyword, and the raw value (get_obj())
incremented inside the lock.
"""

from __future__ import annotations

import ctypes
import functools
import multiprocessing


def add(counter, lock, times: int) -> None:
    raw = counter.get_obj() if hasattr(counter, "get_obj") else counter
    for _ in range(times):
        with lock:
            raw.value = raw.value + 1


def main(n_processes: int = 4, times: int = 1000, context=None) -> int:
    if context is None:
        context = multiprocessing.get_context()
    counter = context.Value(ctypes.c_int, 0)
    lock = context.Lock()
    work = functools.partial(add, counter, lock)
    processes = []
    for i in range(n_processes):
        processes.append(context.Process(target=work, kwargs={"times": times}, name=f"adder {i}"))
        processes[-1].start()
    for process in processes:
        process.join()
    with lock:
        return counter.value
