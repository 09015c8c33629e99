"""The catalogue: the katas of a workspace, and every path of a kata, derived from its folder.

A *workspace* is a folder that holds ``katas/``: this repo, or a student's copy of it. A kata is
one folder of it, ``katas/NN_topic/``. What the student reads and edits is at its top; what the
student does not need is in its hidden ``.meta/`` folder::

    katas/NN_topic/
        README.md                   the lesson
        <module>.py                 the student's file (the stub, until the student edits it)
        test_<module>.py            the rules, one test each
        .meta/kata.toml             title, what it teaches, module, points, docs, and the
                                    core rules (the lesson itself; see `Kata.core`)
        .meta/hints.toml            three hints: a nudge, the mechanism, a near-solution
        .meta/messages.toml         the teaching messages of the rules
        .meta/scenarios.py          what the rules run in the judge's child, and the kata's own
                                    instruments
        .meta/stub/<module>.py      the pristine stub
        .meta/solution/<module>.py  the reference solution
        .meta/wrong/*.py            kept wrong solutions, each naming the message it must get
        .meta/correct/*.py          kept correct solutions written other ways

``solutions/NN_topic/<module>.py`` at the workspace's top links to each reference solution, for
instructors; the file under ``.meta/solution/`` is the one source of truth.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

#: The environment variable that names the workspace, whatever the current folder.
REPO_ENV = "KATA_REPO"
#: Keys every kata.toml must give, with their types.
REQUIRED = {"title": str, "teaches": str, "module": str, "points": int, "docs": list}
#: The kinds of kept solutions, each a folder of ``.meta/``.
KEPT_KINDS = ("wrong", "correct")


class NoWorkspace(LookupError):
    """No workspace where one was looked for; the message says where, and what to do."""


@dataclass(frozen=True)
class Workspace:
    """A folder holding ``katas/``: the repo, or a student's copy of it."""

    root: Path

    @property
    def katas_dir(self) -> Path:
        return self.root / "katas"

    @property
    def solutions_dir(self) -> Path:
        """Where instructors find the reference solutions: links into each kata's ``.meta/``."""
        return self.root / "solutions"

    @property
    def state_dir(self) -> Path:
        """The `kata` command's own state (ignored by git)."""
        return self.root / ".kata"

    @property
    def config(self) -> Path:
        """The pytest configuration kata runs use."""
        return self.root / "pyproject.toml"

    @property
    def readme(self) -> Path:
        return self.root / "README.md"

    def holds_katas(self) -> bool:
        return any(self.katas_dir.glob("*/.meta/kata.toml"))

    def katas(self) -> list[Kata]:
        """Every kata, in order."""
        return [read(toml.parent.parent) for toml in sorted(self.katas_dir.glob("*/.meta/kata.toml"))]

    def find(self, key: str) -> Kata:
        """The kata named by a number ("3", "03") or a folder prefix ("03_sem", "semaphore")."""
        katas = self.katas()
        for kata in katas:
            if key.isdigit() and int(key) == int(kata.number):
                return kata
        matches = [
            k for k in katas if k.folder.startswith(key) or k.folder.split("_", 1)[1].startswith(key)
        ]
        if len(matches) != 1:
            names = ", ".join(k.folder for k in katas)
            raise LookupError(f"no single kata matches {key!r}; the katas are: {names}")
        return matches[0]


def find_workspace(start: Path | None = None, explicit: str | os.PathLike | None = None) -> Workspace:
    """The workspace named by `explicit` (else the KATA_REPO variable), or else the nearest one
    at or above `start` (default: the current folder), as git finds its repository."""
    named = explicit or os.environ.get(REPO_ENV)
    if named:
        workspace = Workspace(Path(named).expanduser().resolve())
        if not workspace.holds_katas():
            source = "--repo" if explicit else REPO_ENV
            raise NoWorkspace(f"{workspace.root} (from {source}) holds no katas/NN_topic/ folder")
        return workspace
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if Workspace(folder).holds_katas():
            return Workspace(folder)
    raise NoWorkspace(
        f"no kata workspace in {here} or any folder above it. Run kata inside your copy of the "
        f"katas (the folder that holds katas/), or name it with --repo DIR or {REPO_ENV}=DIR."
    )


def installed() -> Workspace | None:
    """The workspace this package was installed from (a clone installed with ``pip install
    -e``), or None when the package was installed on its own."""
    workspace = Workspace(Path(__file__).resolve().parent.parent)
    return workspace if workspace.holds_katas() else None


@dataclass(frozen=True)
class Kata:
    path: Path  # the kata's folder, katas/NN_topic
    title: str
    teaches: str  # a line: what it teaches, for the README's table
    module: str  # the student's module, imported by this plain name
    points: int
    docs: tuple[str, ...]
    #: The rules that are the lesson itself (test names): a kata that fails one of them earns at
    #: most half its points when graded.
    core: tuple[str, ...] = ()

    @property
    def folder(self) -> str:
        """"03_semaphore"."""
        return self.path.name

    @property
    def number(self) -> str:
        return self.folder.split("_", 1)[0]

    @property
    def workspace(self) -> Workspace:
        return Workspace(self.path.parent.parent)

    @property
    def meta(self) -> Path:
        """The hidden folder of everything the student does not need."""
        return self.path / ".meta"

    @property
    def readme(self) -> Path:
        return self.path / "README.md"

    @property
    def test_files(self) -> list[Path]:
        return sorted(self.path.glob("test_*.py"))

    def student_file(self, root: Path | None = None) -> Path:
        """The student's file: in the kata's folder, or in ``root/NN_topic/`` (a submission)."""
        return (self.path if root is None else root / self.folder) / f"{self.module}.py"

    @property
    def pristine_stub(self) -> Path:
        """The untouched stub, for `kata reset` and for the repo's own tests."""
        return self.meta / "stub" / f"{self.module}.py"

    @property
    def solution_dir(self) -> Path:
        return self.meta / "solution"

    @property
    def solution(self) -> Path:
        return self.solution_dir / f"{self.module}.py"

    @property
    def solution_link(self) -> Path:
        """Where instructors find the solution: ``solutions/NN_topic/<module>.py``."""
        return self.student_file(self.workspace.solutions_dir)

    @property
    def scenarios(self) -> Path:
        return self.meta / "scenarios.py"

    @property
    def hints_file(self) -> Path:
        return self.meta / "hints.toml"

    @property
    def messages_file(self) -> Path:
        return self.meta / "messages.toml"

    @cached_property
    def hints(self) -> tuple[str, ...]:
        """The hints, a nudge first and a near-solution last; none if the file is missing."""
        if not self.hints_file.is_file():
            return ()
        return tuple(_toml(self.hints_file).get("hints", ()))

    @cached_property
    def messages(self) -> dict[str, str]:
        """The teaching messages of the rules, by name."""
        return _toml(self.messages_file)

    def kept(self, kind: str) -> list[Path]:
        """The kept "wrong" or "correct" solutions."""
        if kind not in KEPT_KINDS:
            raise ValueError(f"kept solutions are {KEPT_KINDS}, not {kind!r}")
        return sorted((self.meta / kind).glob("*.py"))


def _toml(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def read(folder: Path) -> Kata:
    """The kata in `folder`, from its ``.meta/kata.toml``; a missing or mistyped key is an error."""
    folder = folder.resolve()
    path = folder / ".meta" / "kata.toml"
    data = _toml(path)
    for key, kind in REQUIRED.items():
        if not isinstance(data.get(key), kind):
            raise ValueError(f"{path}: '{key}' must be a {kind.__name__}")
    core = data.get("core", [])
    if not isinstance(core, list) or not all(isinstance(name, str) for name in core):
        raise ValueError(f"{path}: 'core' must be a list of test names")
    return Kata(
        folder,
        data["title"],
        data["teaches"],
        data["module"],
        data["points"],
        tuple(data["docs"]),
        tuple(core),
    )


def is_kata(folder: Path) -> bool:
    """Whether `folder` is a kata's folder."""
    return (folder / ".meta" / "kata.toml").is_file()
