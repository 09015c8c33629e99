"""Copies of the repo as a student or an author has them, and the `kata` command run in them as
they run it: a subprocess in the copy's folder, found from there (no KATA_REPO), without a TTY
on its standard input."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from katakit.catalog import REPO_ENV

REPO = Path(__file__).resolve().parent.parent
#: What a copy of the repo holds.
COPIED = ("katas", "solutions", "pyproject.toml", "conftest.py", "README.md")
#: Seconds any one `kata` command may take (a real check takes a few).
DEADLINE = 120


def student_env(**extra: str) -> dict[str, str]:
    """The environment of a student's shell: no pytest, colour or workspace settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTEST_") and key not in ("NO_COLOR", "FORCE_COLOR", REPO_ENV)
    }
    return {**env, **extra}


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "katakit.cli", *args]


def kata(cwd: Path, *args: str, answer: str = "", **env: str) -> subprocess.CompletedProcess:
    """Run `kata ARGS` in the folder `cwd` with `answer` on its standard input (a pipe)."""
    return subprocess.run(
        command(*args),
        input=answer,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=student_env(**env),
        timeout=DEADLINE,
    )


def copy_repo(dest: Path) -> Path:
    """A copy of the repo at `dest`: the katas, the solutions' links, the configuration and the
    README."""
    dest.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache")
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=ignore, symlinks=True)
        else:
            shutil.copy(source, dest / name)
    return dest
