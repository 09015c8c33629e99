"""Correct, written another way: main looks whether its processes are still alive, sleeping a
moment between looks, before it joins them. (Found in review: the tests' processes waited for
main's first join before they ran, so this main looked for ever; a look at is_alive(),
exitcode or sentinel now lets them run too.)"""

from __future__ import annotations

import multiprocessing
import time


def add(counter, lock, times):
    for _ in range(times):
        with lock:
            counter.value += 1


def main(n_processes=4, times=10_000, context=None):
    context = context or multiprocessing.get_context()
    counter = context.Value("i", 0, lock=False)
    lock = context.Lock()
    processes = [context.Process(target=add, args=(counter, lock, times)) for _ in range(n_processes)]
    for process in processes:
        process.start()
    while any(process.is_alive() for process in processes):
        time.sleep(0.001)
    for process in processes:
        process.join()
    return counter.value
