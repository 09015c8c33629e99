"""A student's workspace: the katas as a student works on them, without hints or solutions.

`make` copies each kata's student view (`Kata.student_view`: the lesson, the pristine stub as the
student's file, the rules, and of ``.meta/`` the metadata, messages, scenarios and pristine stub
that the rules and `kata reset` read), and writes three files at the top: a ``pyproject.toml``
holding the pytest settings of the katas' own repo (so plain ``pytest`` checks the katas there
too), a README and a ``.gitignore``. Hints, reference solutions and kept solutions stay with the
installed katas, where `kata hint` and `kata solution` find them (`katakit.catalog.keeper`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from katakit.catalog import Workspace, read_toml
from katakit.dev import readme

CONFIG_HEAD = """\
# The pytest settings of the katas (written by `kata init`): plain `pytest` here checks every
# kata, `pytest katas/01_process_worker` one.
"""

README = """\
# Concurrency katas

Your workspace for the concurrency katas: exercises on Python's threads and processes. Each kata
is a lesson (`katas/NN_topic/README.md`) and a file to complete; its tests give the same verdict
on every run.

{table}

Run `kata` here: it lists the katas with your progress and says what to run next (`kata check
01`, `kata hint 01`, `kata watch 01`; `kata --help` lists every command). Plain `pytest` checks
every kata, `pytest katas/01_process_worker` one, and `python katas/01_process_worker/worker.py`
runs its demo.

This workspace holds no hints and no reference solutions: `kata hint`, and `kata solution` once
a kata passes, read them from the installed kata package, the one that gives you `kata`.
"""

GITIGNORE = """\
.kata/
__pycache__/
.pytest_cache/
"""


def pytest_config(source: Workspace) -> str:
    """The ``pyproject.toml`` of a student's workspace: `source`'s pytest settings alone."""
    settings = read_toml(source.config)["tool"]["pytest"]["ini_options"]
    lines = [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    return "\n".join([CONFIG_HEAD, "[tool.pytest.ini_options]", *lines, ""])


def make(source: Workspace, folder: Path) -> Workspace:
    """A student's workspace of `source`'s katas, made in `folder` (new, or empty); ValueError
    when `folder` holds anything already."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ValueError(f"{folder} is not an empty folder: name a new one")
    workspace = Workspace(folder.resolve())
    for kata in source.katas():
        for path in kata.student_view:
            target = workspace.root / path.relative_to(source.root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(kata.pristine_stub if path == kata.student_file() else path, target)
    workspace.config.write_text(pytest_config(source), encoding="utf-8")
    workspace.readme.write_text(README.format(table=readme.table(source)), encoding="utf-8")
    (workspace.root / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    return workspace
