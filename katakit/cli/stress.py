"""`kata stress [NN ...] [--runs N] [--load [N]] [--scales S,S] [--judge-starts M,M]
[--switch S] [--xdist] [--files K,K] [--jobs N]`: judge each kata many times and report every
test whose verdict ever changed (a flip), every run in which a wrong solution got through (an
escape) and every failure of a solution or kept correct one. With several scales or judge start
methods, each file is judged under each of them too, and a verdict that differs between them is
a flip.
Exit 0 only when nothing of that happened."""

from __future__ import annotations

import argparse
import contextlib
import math
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from katakit import runner, stress
from katakit.cli import args as kata_args
from katakit.cli import ui
from katakit.deadlines import parse_scale


def register(commands: argparse._SubParsersAction) -> None:
    """Add `kata stress`."""
    parser = commands.add_parser(
        "stress", help="judge the solutions and kept wrong solutions many times; report flips"
    )
    kata_args.add_katas(parser)
    parser.add_argument("--runs", type=kata_args.positive, default=50, help="runs of each file (default 50)")
    parser.add_argument(
        "--load",
        type=kata_args.positive,
        nargs="?",
        const=1,
        default=0,
        metavar="N",
        help="keep every core busy with N spinning processes (default N: 1)",
    )
    parser.add_argument(
        "--scales",
        type=scales,
        default=(1.0,),
        metavar="S,S",
        help="judge under each of these deadline scales (KATA_TIMEOUT_SCALE; default 1)",
    )
    parser.add_argument(
        "--judge-starts",
        type=listed(("auto", "fork", "forkserver", "spawn"), "start method"),
        default=("auto",),
        metavar="M,M",
        help="judge with the judge's child started by each of these methods (default: auto)",
    )
    parser.add_argument(
        "--switch",
        type=switch,
        default=None,
        metavar="S",
        help="the judge's child switches threads every S seconds (sys.setswitchinterval; "
        "Python's default 0.005): try 1e-6 to reach rare interleavings",
    )
    parser.add_argument("--xdist", action="store_true", help="run each file's tests under pytest -n 2")
    parser.add_argument(
        "--files",
        type=listed(stress.KINDS, "kind of file"),
        default=stress.KINDS,
        metavar="K,K",
        help="judge only these kinds of file: solution, wrong, correct (default: all three)",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=kata_args.positive,
        default=1,
        metavar="N",
        help="files judged at once (default 1), each in a session of its own",
    )
    parser.set_defaults(run=run)


def scales(text: str) -> tuple[float, ...]:
    """Deadline scales, comma-separated: "0.05,20"."""
    try:
        found = tuple(parse_scale(part) for part in text.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return found


def switch(text: str) -> float:
    """A thread switch interval in seconds, more than 0."""
    try:
        found = float(text)
    except ValueError:
        found = 0.0
    if not 0 < found < math.inf:
        raise argparse.ArgumentTypeError(f"not a switch interval in seconds: {text}")
    return found


def listed(allowed: tuple[str, ...], what: str) -> Callable[[str], tuple[str, ...]]:
    """A parser of comma-separated words, each one of `allowed` ("fork,spawn")."""

    def parse(text: str) -> tuple[str, ...]:
        found = tuple(part.strip() for part in text.split(","))
        wrong = [part for part in found if part not in allowed]
        if wrong:
            raise argparse.ArgumentTypeError(f"not a {what}: {', '.join(wrong)}")
        return found

    return parse


def line(report: stress.Report) -> str:
    """One subject's result: its label, how many test runs, and what went wrong."""
    subject = report.subject
    tests = sum(len(seen) for seen in report.outcomes.values())
    head = f"{subject.kata.number} {subject.label:<36} {tests:5d} test runs {report.seconds:7.1f} s"
    if report.ok:
        return f"{ui.tick()} {head}"
    problems = [f"flip: {name} {sorted(set(report.outcomes[name]))}" for name in report.flips]
    problems += [f"escape: {text}" for text in report.escapes]
    problems += [f"fails: {text}" for text in report.failures]
    return f"{ui.cross()} {head}\n" + "\n".join(f"    {text}" for text in problems)


def run(args: argparse.Namespace) -> int:
    katas = args.katas or args.workspace.katas()
    subjects = stress.subjects(katas, args.files)
    variations = tuple(
        stress.Variation(scale, start, args.switch)
        for scale in args.scales
        for start in args.judge_starts
    )
    mode = f"{args.runs} runs each" + (", under pytest -n 2" if args.xdist else "")
    mode += f", {args.jobs} files at once" if args.jobs > 1 else ""
    mode += "".join(f"; {variation}" for variation in variations if variation != stress.Variation())
    reports = []
    with stress.cpu_load(args.load) if args.load else contextlib.nullcontext(0) as burners:
        load = f", {burners} spinning process(es) on {os.cpu_count()} core(s)" if burners else ""
        ui.say(ui.paint(f"Stress: {len(subjects)} files, {mode}{load}", "bold"))
        with ThreadPoolExecutor(args.jobs) as pool:
            judged = pool.map(
                lambda subject: stress.judge(subject, args.runs, args.xdist, variations), subjects
            )
            try:
                for report in judged:
                    reports.append(report)
                    ui.say(line(report))
            except KeyboardInterrupt:
                # Each file is judged in a session of its own, which Ctrl-C does not reach.
                pool.shutdown(wait=False, cancel_futures=True)
                runner.SESSIONS.interrupt()
                raise
    flips = sum(len(r.flips) for r in reports)
    escapes = sum(len(r.escapes) for r in reports)
    failures = sum(len(r.failures) for r in reports)
    ui.say(
        f"{flips} flip(s), {escapes} escape(s) of wrong solutions, "
        f"{failures} failing test(s) of solutions and correct ones."
    )
    return 0 if not (flips or escapes or failures) else 1

