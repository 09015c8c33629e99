"""`kata dev check`: is every kata whole? Its structure, read from its files, and two pytest runs.

For each kata: its metadata reads; its lesson, student file, rules, scenarios, messages,
pristine stub and solution are there; the student's file is still the pristine stub, and the
stub raises NotImplementedError at a TODO; the solution is linked from ``solutions/``; it has
three hints (a nudge, the mechanism, a near-solution) and at least one kept wrong solution, each
naming tests and messages that exist; its core rules are tests it has; every rule has a
docstring and the test file defines no class (instruments live in `katakit.instruments` or in
``.meta/scenarios.py``); its lesson, title, messages, hints and rules are in every language, with
the same placeholders (`katakit.dev.languages`). Across katas: numbers and module names are
unique, the README's table matches the catalogue, and the judge's and the `kata` command's texts
are in every language. Then the
stubs must fail every test and the solutions pass every test (two pytest runs, side by side).
"""

from __future__ import annotations

import ast
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from katakit import kept, runner
from katakit.catalog import Kata, Workspace, is_kata, read
from katakit.dev import languages, readme

#: How many hints a kata gives: a nudge, the mechanism, a near-solution.
HINT_LEVELS = 3


@dataclass
class Report:
    """What `check` found: problems by kata folder ("" for the workspace itself)."""

    problems: dict[str, list[str]] = field(default_factory=dict)
    katas: int = 0

    def add(self, where: str, problem: str) -> None:
        self.problems.setdefault(where, []).append(problem)

    @property
    def ok(self) -> bool:
        return not self.problems


def rules_of(path: Path) -> tuple[list[str], list[str], list[str]]:
    """The test functions of a test file, those without a docstring, and its classes."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    tests = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]
    classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)]
    return [t.name for t in tests], [t.name for t in tests if not ast.get_docstring(t)], classes


def check_files(kata: Kata, report: Report) -> None:
    """The checks of one kata that read its files."""
    where = kata.folder
    needed = {
        "its lesson": kata.readme,
        "its student file": kata.student_file(),
        "its pristine stub": kata.pristine_stub,
        "its reference solution": kata.solution,
        "its scenarios": kata.scenarios,
        "its messages": kata.messages_file,
        "its hints": kata.hints_file,
    }
    for what, path in needed.items():
        if not path.is_file():
            report.add(where, f"{what} is missing: {path.relative_to(kata.workspace.root)}")
    if kata.student_file().is_file() and kata.pristine_stub.is_file():
        if kata.student_file().read_bytes() != kata.pristine_stub.read_bytes():
            report.add(where, f"{kata.module}.py differs from its pristine stub in .meta/stub/")
    if kata.pristine_stub.is_file():
        stub = kata.pristine_stub.read_text(encoding="utf-8")
        if "raise NotImplementedError" not in stub or "# TODO:" not in stub:
            report.add(where, "the stub must raise NotImplementedError at a `# TODO:`")
    link = kata.solution_link
    if not link.is_symlink() or link.resolve() != kata.solution.resolve():
        report.add(where, f"{link.relative_to(kata.workspace.root)} must link to .meta/solution/")
    if kata.hints_file.is_file() and len(kata.hints) != HINT_LEVELS:
        report.add(where, f"it gives {len(kata.hints)} hint(s); expected {HINT_LEVELS}")
    if not kata.title.strip() or kata.points < 1:
        report.add(where, "its kata.toml needs a title and a positive number of points")
    if not all(link.startswith("https://") for link in kata.docs):
        report.add(where, "its kata.toml's docs must be https:// links")
    tests: list[str] = []
    for path in kata.test_files:
        names, undocumented, classes = rules_of(path)
        tests += names
        for name in undocumented:
            report.add(where, f"{path.name}: {name} has no docstring stating its rule")
        for name in classes:
            report.add(where, f"{path.name} defines class {name}: instruments belong elsewhere")
    if not tests:
        report.add(where, "it has no test_<module>.py with rules")
    for name in kata.core:
        if name not in tests:
            report.add(where, f"its kata.toml names an unknown core rule {name}")
    check_kept(kata, set(tests), report)
    for problem in languages.kata_problems(kata, tests):
        report.add(where, problem)


def check_kept(kata: Kata, tests: set[str], report: Report) -> None:
    """At least one kept wrong solution, each naming tests and messages that exist."""
    wrong = kata.kept("wrong")
    if not wrong:
        report.add(kata.folder, "it keeps no wrong solution in .meta/wrong/")
    for path in wrong:
        expectations = kept.expectations(path)
        if not expectations:
            report.add(kata.folder, f"wrong/{path.name} has no 'expect: test -> MESSAGE' line")
        for expectation in expectations:
            if expectation.test.split("[", 1)[0] not in tests:
                report.add(kata.folder, f"wrong/{path.name} expects an unknown test {expectation.test}")
            for name in expectation.message_names:
                try:
                    kept.message(kata, name)
                except (KeyError, AttributeError):
                    report.add(kata.folder, f"wrong/{path.name} names an unknown message {name}")


def check_workspace(workspace: Workspace, katas: list[Kata], report: Report) -> None:
    """The checks across katas: unique numbers and modules, links, the README's table."""
    for attribute in ("number", "module"):
        seen: dict[str, str] = {}
        for kata in katas:
            value = getattr(kata, attribute)
            if value in seen:
                report.add("", f"katas {seen[value]} and {kata.folder} share the {attribute} {value}")
            seen[value] = kata.folder
    folders = {kata.folder for kata in katas}
    if workspace.solutions_dir.is_dir():
        for extra in sorted(workspace.solutions_dir.iterdir()):
            if extra.name not in folders:
                report.add("", f"solutions/{extra.name} belongs to no kata")
    problem = readme.check(workspace)
    if problem:
        report.add("", f"{problem}: run `kata dev check --fix`")
    for problem in languages.tooling_problems():
        report.add("", problem)


def check_runs(katas: list[Kata], report: Report) -> None:
    """The stubs fail every test and the solutions pass every test: two pytest runs at once."""
    with tempfile.TemporaryDirectory(prefix="kata-dev-") as tmp:
        stubs = Path(tmp)
        for kata in katas:
            if kata.pristine_stub.is_file():
                (stubs / kata.folder).mkdir()
                shutil.copy(kata.pristine_stub, kata.student_file(stubs))
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = {
                ("stub", "failed", "does not fail"): pool.submit(runner.run_katas, katas, stubs),
                ("solution", "passed", "fails"): pool.submit(
                    runner.run_katas, katas, runner.SOLUTIONS
                ),
            }
            for (subject, wanted, otherwise), future in runs.items():
                for kata, run in future.result().items():
                    if not run.tests:
                        report.add(kata.folder, f"no test ran on the {subject}:\n{run.output[-1500:]}")
                    for test in run.tests:
                        if test.outcome != wanted:
                            problem = f"the {subject} {otherwise} {test.name} ({test.outcome})"
                            report.add(kata.folder, problem)


def check(workspace: Workspace, only: list[Kata] | None = None, runs: bool = True) -> Report:
    """Check the workspace, and every kata of it or those of `only`."""
    report = Report()
    folders = sorted(p for p in workspace.katas_dir.iterdir() if p.is_dir()) if workspace.katas_dir.is_dir() else []
    katas = []
    for folder in folders:
        if not is_kata(folder):
            report.add(folder.name, "it has no .meta/kata.toml")
            continue
        try:
            katas.append(read(folder))
        except (ValueError, OSError) as exc:
            report.add(folder.name, str(exc))
    check_workspace(workspace, katas, report)
    chosen = [k for k in katas if only is None or k.folder in {o.folder for o in only}]
    for kata in chosen:
        check_files(kata, report)
    if runs and chosen:
        check_runs(chosen, report)
    report.katas = len(chosen)
    return report


def fix(workspace: Workspace) -> list[str]:
    """Make what is generated match the catalogue: the README's table and the links in
    ``solutions/``. What was changed, one line each."""
    changed = []
    if readme.sync(workspace):
        changed.append("README.md: the table of katas")
    for kata in workspace.katas():
        link = kata.solution_link
        if link.is_symlink() and link.resolve() == kata.solution.resolve():
            continue
        if link.exists() or link.is_symlink():
            link.unlink()
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(os.path.relpath(kata.solution, link.parent))
        changed.append(f"{link.relative_to(workspace.root)}: linked to .meta/solution/")
    return changed
