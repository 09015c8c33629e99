"""Kata 08: a shared counter, and the one lock that guards it between processes.

Start `n_processes` child processes that each add `times` to one counter, and get every
increment counted.

`add(counter, lock, times)` runs inside a child process. It makes `times` increments of
`counter.value` (a shared `Value`), and holds `lock` around each one: the read of the value and
the write of the value plus one happen inside one hold of the lock (one hold per increment, or
one for all of them).

`main(n_processes, times, context)` makes one shared integer and one lock from `context` (by
default `multiprocessing.get_context()`): `context.Value("i", 0)` and `context.Lock()` (or the
Value's own lock, `counter.get_lock()`). It starts `n_processes` processes running
`add(counter, lock, times)`, all of them before it joins any, joins them all, and returns the
counter's final value.

Run the tests with `pytest katas/08_shared_counter`; run the demo with
`python katas/08_shared_counter/counter.py`.
"""

from __future__ import annotations

import multiprocessing


def add(counter, lock, times: int) -> None:
    """Add one to counter.value, `times` times, each increment inside one hold of `lock`."""
    # TODO: make `times` increments of counter.value. Hold `lock` while you read the value and
    # write it back plus one: `counter.value += 1` alone is a read and a write, and another
    # process can change the value in between.
    raise NotImplementedError


def main(n_processes: int = 4, times: int = 1000, context=None) -> int:
    """Run `add` in `n_processes` child processes on one shared counter; return its value."""
    context = context or multiprocessing.get_context()
    # TODO: make the counter with context.Value("i", 0) and the lock with context.Lock(). Create
    # n_processes context.Process objects with target add and args (counter, lock, times). Start
    # all of them, then join every one, then return counter.value.
    raise NotImplementedError


if __name__ == "__main__":
    n_processes, times = 4, 10_000
    total = main(n_processes, times)
    expected = n_processes * times
    print(f"{n_processes} processes x {times} increments: the counter says {total}")
    # Each lost increment is a read and its write that were not inside one hold of the lock.
    print(f"increments lost: {expected - total} (0 when every increment counted)")
