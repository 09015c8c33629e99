"""How soon a deadlock is reported, and what a deadlocked kata costs next to its solution.

    python benchmarks/deadlock_latency.py [--runs 20] [--load N]

Part one: three deadlocks (a plain Lock taken twice, as kata 05's classic mistake; two locks
taken in opposite orders; three consumers and a single sentinel) are judged in a bubble, `--runs`
times each; it prints, for each, the median and the worst time from the judge's child being
ready to the deadlock's report reaching the parent. Part two: kata 05 judged whole on its plain
Lock mistake and on its solution (`pytest katas/05_rlock`, wall time, median of `--runs`), and
the ratio. `--load N` keeps every core busy with N spinning processes a core meanwhile.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest  # noqa: F401  (a judge always runs inside a pytest process)

from katakit import runner, stress
from katakit.catalog import Workspace
from katakit.judge import Failed, Judge, Target
from katakit.judge import launch

REPO = Path(__file__).resolve().parent.parent

DEADLOCKS = {
    "a Lock taken twice": """
        import threading
        def go():
            lock = threading.Lock()
            with lock:
                with lock:
                    pass
        """,
    "two locks, two orders": """
        import threading
        def go():
            first, second = threading.Lock(), threading.Lock()
            both = threading.Barrier(2)
            def take(a, b):
                with a:
                    both.wait()
                    with b:
                        pass
            threads = [threading.Thread(target=take, args=pair) for pair in ((first, second), (second, first))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        """,
    "one sentinel, three consumers": """
        import queue, threading
        def go():
            q = queue.Queue()
            def consume():
                while q.get() is not None:
                    pass
            consumers = [threading.Thread(target=consume) for _ in range(3)]
            for thread in consumers:
                thread.start()
            q.put(None)
            for thread in consumers:
                thread.join()
        """,
}


def call_go(module):
    module.go()


def latency(folder: Path, runs: int) -> list[float]:
    """Seconds from the child's "ready" to the deadlock's report, `runs` times."""
    judge = Judge(Target("deadlocked", folder), bubble=True, memoize=False)
    seen = []
    original = launch.collect

    def timed(reader, process, seconds, start_limit, forbidden):
        messages = []
        ready = None
        while True:
            if not reader.poll(60):
                raise RuntimeError("no report within 60 s")
            message = launch.SafeUnpickler(reader.recv_bytes(), forbidden).load()
            if message[0] == "ready":
                ready = time.perf_counter()
            if message[0] == "progress":
                continue
            messages.append(message)
            if message[0] in launch.TERMINAL:
                seen.append(time.perf_counter() - ready)
                return launch.Collected(messages, None)

    launch.collect = timed
    try:
        for _ in range(runs):
            with contextlib.suppress(Failed):
                judge.run(call_go)
    finally:
        launch.collect = original
    return seen


def kata_seconds(root: Path | str, runs: int) -> list[float]:
    kata = Workspace(REPO).find("05")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run = runner.run_kata(kata, root)
        times.append(time.perf_counter() - started)
        assert run.tests, run.output
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--load", type=int, default=0)
    options = parser.parse_args()
    with stress.cpu_load(options.load) if options.load else contextlib.nullcontext(0) as burners:
        print(f"{burners} spinning process(es); {options.runs} runs each")
        with tempfile.TemporaryDirectory() as tmp:
            for name, source in DEADLOCKS.items():
                folder = Path(tmp) / name.replace(" ", "_").replace(",", "")
                folder.mkdir()
                (folder / "deadlocked.py").write_text(textwrap.dedent(source))
                sys.path.insert(0, str(folder))
                times = latency(folder, options.runs)
                print(
                    f"  {name:<32} reported {statistics.median(times) * 1000:6.1f} ms after ready "
                    f"(median), {max(times) * 1000:6.1f} ms at worst"
                )
            kata = Workspace(REPO).find("05")
            root = Path(tmp) / "root"
            (root / kata.folder).mkdir(parents=True)
            (root / kata.folder / "reverse.py").write_text(
                (kata.meta / "wrong" / "plain_lock.py").read_text()
            )
            wrong = statistics.median(kata_seconds(root, options.runs))
            right = statistics.median(kata_seconds(runner.SOLUTIONS, options.runs))
            print(
                f"  kata 05 whole: plain Lock {wrong:.2f} s, solution {right:.2f} s "
                f"(median wall time), ratio {wrong / right:.2f}"
            )


if __name__ == "__main__":
    main()
