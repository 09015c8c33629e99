"""What the judge costs: per test, per start method, and for the whole kata suite.

    python benchmarks/judge_cost.py [--runs 200] [--suites] [--loops] [--kept [NN ...]] [--whole]

Per test: `Judge.run` of a scenario that imports a small student module and returns at once,
timed over `--runs` calls for each way the judge can start its child (fork, forkserver with
pytest preloaded, spawn; fork and forkserver also in a bubble, as a thread kata runs), from a
process that has imported pytest like a real session, with the CPU each run costs: the floor
of any verdict, whatever its scenario does; then
what a new interpreter costs, a tenth as many times: a demo script that does nothing, run in a
bubble, and the import of the instruments in a process the student's code spawns. With
`--suites`: the wall time of `pytest katas --solutions` (also under -n 2) and of one student
loop, `pytest katas/01_process_worker` on the stub. With `--loops`: per kata, the wall time of
the student's loop on a correct solution, `pytest katas/NN --solutions` (the best and the
median of three). With `--kept`: per kata (all, or those named), the wall time of judging its
kept wrong and correct files in one batch run, as the repo's tests and `kata verify` do, that
time per test judged, and the slowest verdict on a wrong file (the test's call, as pytest timed
it). With `--whole` too, every test of each kept wrong file is judged, as a student who wrote
that mistake would run the kata, not only the tests it names; it adds the slowest whole kata on
one wrong file (the sum of its tests' calls).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest  # noqa: F401  (a judge always runs inside a pytest process)

from katakit import runner, verify
from katakit.catalog import Workspace
from katakit.judge import Judge, Target

REPO = Path(__file__).resolve().parent.parent

#: How the judge's child is started, and whether it runs the code in a bubble (thread katas).
CHILDREN = [("fork", False), ("fork", True), ("forkserver", False), ("forkserver", True), ("spawn", False)]

STUDENT = "def answer():\n    return 42\n"
SCENARIO = "def ask(student):\n    return student.answer()\n"


def per_test(
    method: str, runs: int, folder: Path, bubble: bool = False
) -> tuple[list[float], str]:
    """The wall time of each of `runs` judge runs, and what they cost in CPU a run: this
    process's and its children's, user and system time, and minor page faults (a fork's
    copy-on-write). A fork server's children are the server's, not counted here."""
    import bench_scenarios

    judge = Judge(Target("bench_student", folder), start_method=method, memoize=False, bubble=bubble)
    judge.run(bench_scenarios.ask)  # the first call may start a server
    times = []
    before = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    for _ in range(runs):
        started = time.perf_counter()
        assert judge.run(bench_scenarios.ask) == 42
        times.append(time.perf_counter() - started)
    after = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu = []
    for name, old, new in zip(("this process", "its children"), before, after):
        user, system = ((new[i] - old[i]) * 1000 / runs for i in (0, 1))
        faults = (new.ru_minflt - old.ru_minflt) / runs
        cpu.append(f"{name} {user:4.1f} + {system:4.1f} ms, {faults:5.0f} faults")
    return times, "; ".join(cpu)


def median_run(command: list[str], runs: int) -> float:
    """The median wall time of `command`, in ms: what a new interpreter costs before it does its
    work (a student's script run by the judge, a process the student's code spawns)."""
    return statistics.median(wall(command, cwd=None) for _ in range(runs)) * 1000


def wall(command: list[str], cwd: Path | None = REPO) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--suites", action="store_true")
    parser.add_argument("--loops", action="store_true")
    parser.add_argument("--kept", nargs="*", metavar="NN")
    parser.add_argument("--whole", action="store_true")
    options = parser.parse_args()
    if options.kept is not None:
        kept(options.kept, options.whole)
        return
    # A forkserver or spawn child first re-runs its parent's main file, as __mp_main__: a pytest
    # session's is the pytest script (an import of pytest, preloaded) or none (an xdist worker's
    # code comes with -c), but this one would import pytest, the runner and verify again each
    # time, and double the cost of a forkserver child. Without its file, it is not re-run.
    del sys.modules["__main__"].__file__
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "bench_student.py").write_text(STUDENT)
        (folder / "bench_scenarios.py").write_text(SCENARIO)
        sys.path.insert(0, tmp)
        print(
            f"judge cost per test ({options.runs} runs each): wall time; CPU a run (user + system)"
            " and minor page faults"
        )
        # Spawn and new interpreters cost tens of times more: a tenth as many runs (at least one).
        fewer = max(1, options.runs // 10)
        for method, bubble in CHILDREN:
            times, cpu = per_test(method, options.runs if method != "spawn" else fewer, folder, bubble)
            print(
                f"  {method + (' in a bubble' if bubble else ''):<22}"
                f" median {statistics.median(times) * 1000:6.1f} ms"
                f"   p95 {sorted(times)[int(len(times) * 0.95)] * 1000:6.1f} ms   {cpu}"
            )
        print(f"new interpreters ({fewer} runs each, median):")
        script = folder / "demo.py"
        script.write_text(STUDENT)
        runscript = [sys.executable, "-m", "katakit.judge.runscript", "--bubble", "1", "2", str(script)]
        print(f"  a demo script in a bubble         {median_run(runscript, fewer):6.1f} ms")
        spawned = [sys.executable, "-c", "import katakit.instruments.processes"]
        print(f"  a spawned process's instruments   {median_run(spawned, fewer):6.1f} ms")
    python = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    if options.suites:
        print("suites (wall time):")
        print(f"  pytest katas --solutions        {wall(python + ['katas', '--solutions']):6.2f} s")
        print(f"  pytest katas --solutions -n 2   {wall(python + ['katas', '--solutions', '-n', '2']):6.2f} s")
        print(f"  pytest katas/01_process_worker  {wall(python + ['katas/01_process_worker']):6.2f} s")
    if options.loops:
        print("student loop on a correct solution, pytest katas/NN --solutions (best, median of 3):")
        for kata in sorted(path for path in (REPO / "katas").iterdir() if path.is_dir()):
            times = sorted(wall(python + [f"katas/{kata.name}", "--solutions"]) for _ in range(3))
            print(f"  {kata.name:<22} {times[0]:6.2f} s {times[1]:6.2f} s")


def kept(numbers: list[str], whole: bool) -> None:
    print("kept files judged in one batch run a kata (wall time, per test):")
    for kata in Workspace(REPO).katas():
        if numbers and not any(kata.folder.startswith(number) for number in numbers):
            continue
        versions = verify.versions_of(kata, ("kept",))
        if whole:
            versions = [runner.Version(v.label, v.path) for v in versions]
        started = time.perf_counter()
        runs = runner.run_batch({kata: versions})
        took = time.perf_counter() - started
        tests = sum(len(run.tests) for run in runs.values())
        wrong = {label: run for (_, label), run in runs.items() if label.startswith("wrong/")}
        seconds, label, test = max(
            (verdict.seconds, label, verdict.name) for label, run in wrong.items() for verdict in run.tests
        )
        print(
            f"  {kata.folder:<22} {len(versions):3d} files {tests:5d} tests"
            f" {took:7.2f} s {took / tests * 1000:6.1f} ms"
            f"   slowest wrong verdict {seconds:5.2f} s: {label} {test}"
        )
        if whole:
            total, label = max((sum(v.seconds for v in run.tests), label) for label, run in wrong.items())
            print(f"  {'':<22} slowest kata on one wrong file {total:5.2f} s: {label}")


if __name__ == "__main__":
    main()
