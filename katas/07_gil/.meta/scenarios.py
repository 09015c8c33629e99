"""Scenarios of kata 07 (the GIL), run in the judge's child against the student's `crunch.py`.

`chunks` is called as it is. `with_threads` and `with_processes` run with concurrent.futures'
executors made recording ones before the module is imported (`pools.record_executors`, the
`prepare` of their rules), and with `count_primes` logging each call with its process and thread
(`pools.CallLog`): here, and in every worker of a process pool, whatever its start method. So a
scenario sees where the counting ran, over which ranges, in which pools, and whether each pool
was shut down, without timing anything. What the code left running is observed the moment it
returns, then cleared up (`pools.finish`), so that it is this kata's observation and not the
judge's leftover.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os

from katakit.instruments import MONITOR, plain, pools

#: Virtual seconds a call of count_primes is held for the others to begin (see
#: `counting_together`): the thread scenarios run in a bubble, whose clock jumps to that end once
#: every thread waits, at no real cost.
TOGETHER = 60.0


def split(crunch, n, parts):
    """chunks(n, parts), as plain values."""
    return plain(crunch.chunks(n, parts))


def shape(crunch, n, parts):
    """What chunks(n, parts) is made of, which plain values do not keep (a list and a tuple both
    become a tuple): its type, and the type of each of its items that is no tuple."""
    value = crunch.chunks(n, parts)
    others = [type(item).__name__ for item in value if not isinstance(item, tuple)]
    return type(value).__name__, others


def refuse(crunch, parts):
    """chunks(10, parts): ("raised", exception type) or ("returned", value)."""
    try:
        value = crunch.chunks(10, parts)
    except NotImplementedError:
        raise
    except Exception as exc:
        return ("raised", type(exc).__name__)
    return ("returned", plain(value))


def crunch_in_threads(crunch, n, workers):
    """with_threads(n, workers), seen as `observe` says, its count_primes calls counting together
    (`counting_together`: one for each of the `workers` ranges)."""
    return observe(crunch, n, workers, crunch.with_threads, n, workers, together=workers)


#: The default start method while with_processes is given a context of another: a pool that
#: ignores the context it is given starts its processes the default way, which then differs.
OTHER_METHOD = {"fork": "forkserver", "spawn": "fork", "forkserver": "fork"}


@contextlib.contextmanager
def counting_together(crunch, calls: int):
    """Within the block, each call of crunch.count_primes made in this process is held, before it
    counts, until `calls` calls have begun, and before it returns, until `calls` calls have
    counted, or nothing else can happen (at most TOGETHER virtual seconds each): so a thread that
    read a shared total before its call has not yet written it back when the others read it, as
    when the OS switches threads right there; and the threads go on from their counts together,
    whatever each count cost, so that threads switching between instructions
    (`test_with_threads_is_right_when_threads_switch_between_instructions`) add them up side by
    side. No call is held when `calls` is 0. The block gets a list whose one item is, once it
    ends, the most calls that were in progress at one moment."""
    logged = crunch.count_primes
    begun, counted, most = [0], [0], [0]

    @functools.wraps(logged)
    def held(*args, **kwargs):
        with MONITOR.changing():
            begun[0] += 1
            most[0] = max(most[0], begun[0] - counted[0])
        MONITOR.wait_until(lambda: begun[0] >= calls, TOGETHER)
        count = logged(*args, **kwargs)
        with MONITOR.changing():
            counted[0] += 1
        MONITOR.wait_until(lambda: counted[0] >= calls, TOGETHER)
        return count

    if calls:
        crunch.count_primes = held
    try:
        yield most
    finally:
        crunch.count_primes = logged


def crunch_in_processes(crunch, method, n, workers):
    """with_processes(n, workers, context) for a context of `method`, the default start method
    being another, seen as `observe` says."""
    multiprocessing.set_start_method(OTHER_METHOD[method], force=True)
    context = multiprocessing.get_context(method)
    return observe(crunch, n, workers, crunch.with_processes, n, workers, context)


def crunch_on_default_method(crunch, method, n, workers):
    """with_processes(n, workers) with no context, the default start method set to `method`."""
    multiprocessing.set_start_method(method, force=True)
    return observe(crunch, n, workers, crunch.with_processes, n, workers)


def observe(crunch, n, workers, function, *args, together=0):
    """What function(*args) returned and what count_primes(0, n) is; where count_primes ran (each
    call as (pid, thread, main thread?, arguments, the pool's task or None)) and this process's
    pid; the pools made, each as (kind, max_workers given, start method, the `wait` of each
    shutdown); what still ran when it returned; chunks(n, workers); and, with `together`, the
    most calls in progress at once."""
    expected = crunch.count_primes(0, n)
    with (
        pools.CallLog.install(crunch, "count_primes") as log,
        counting_together(crunch, together) as at_once,
    ):
        total = function(*args)
        left = pools.left_running()
        made = pools.records()
        calls = log.calls()
    pools.finish()
    return {
        "total": plain(total),
        "expected": expected,
        "calls": plain(calls),
        "caller": os.getpid(),
        "pools": made,
        "left": left,
        "chunks": plain(crunch.chunks(n, workers)),
        "at_once": at_once[0],
    }
