"""`kata stress [NN ...] [--runs N] [--load] [--xdist] [--no-wrong]`: judge each kata many
times and report every test whose verdict ever changed (a flip) and every run in which a wrong
solution got through (an escape). Exit 0 only when there are neither."""

from __future__ import annotations

import argparse
import contextlib

from katakit import stress
from katakit.cli import args as kata_args
from katakit.cli import ui


def register(commands: argparse._SubParsersAction) -> None:
    """Add `kata stress`."""
    parser = commands.add_parser(
        "stress", help="judge the solutions and kept wrong solutions many times; report flips"
    )
    kata_args.add_katas(parser)
    parser.add_argument("--runs", type=kata_args.positive, default=50, help="runs of each file (default 50)")
    parser.add_argument("--load", action="store_true", help="keep every core busy with a spinning process")
    parser.add_argument("--xdist", action="store_true", help="run each file's tests under pytest -n 2")
    parser.add_argument("--no-wrong", action="store_true", help="judge only the reference solutions")
    parser.set_defaults(run=run)


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
    subjects = stress.subjects(katas, wrong=not args.no_wrong)
    mode = f"{args.runs} runs each" + (", under pytest -n 2" if args.xdist else "")
    reports = []
    with stress.cpu_load() if args.load else contextlib.nullcontext(0) as burners:
        load = f", {burners} core(s) kept busy" if burners else ""
        ui.say(ui.paint(f"Stress: {len(subjects)} files, {mode}{load}", "bold"))
        for subject in subjects:
            report = stress.judge(subject, args.runs, args.xdist)
            reports.append(report)
            ui.say(line(report))
    flips = sum(len(r.flips) for r in reports)
    escapes = sum(len(r.escapes) for r in reports)
    failures = sum(len(r.failures) for r in reports)
    ui.say(f"{flips} flip(s), {escapes} escape(s) of wrong solutions, {failures} failing solution test(s).")
    return 0 if not (flips or escapes or failures) else 1

