"""The katas of this repo and their metadata (one ``kata.toml`` beside each kata's files)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

#: The repo the katas are in: beside this package, unless KATA_REPO names another copy of it.
REPO = Path(os.environ.get("KATA_REPO") or Path(__file__).resolve().parent.parent).resolve()
KATAS = REPO / "katas"
SOLUTIONS = REPO / "solutions"

#: Keys every kata.toml must give, with their types.
REQUIRED = {"title": str, "module": str, "points": int, "hints": list, "docs": list}


@dataclass(frozen=True)
class Kata:
    folder: str  # "03_semaphore"
    title: str
    module: str  # the student's module, imported by this plain name
    points: int
    hints: tuple[str, ...]
    docs: tuple[str, ...]

    @property
    def number(self) -> str:
        return self.folder.split("_", 1)[0]

    @property
    def tests_dir(self) -> Path:
        return KATAS / self.folder

    def student_file(self, root: Path = KATAS) -> Path:
        return root / self.folder / f"{self.module}.py"

    @property
    def pristine_stub(self) -> Path:
        """The untouched stub, kept for `kata reset` and for the repo's own tests."""
        return self.tests_dir / ".pristine" / f"{self.module}.py"

    @property
    def solution(self) -> Path:
        return self.student_file(SOLUTIONS)


def read(folder: Path) -> Kata:
    """The kata in `folder`, from its ``kata.toml``; a missing or mistyped key is an error."""
    data = tomllib.loads((folder / "kata.toml").read_text(encoding="utf-8"))
    for key, kind in REQUIRED.items():
        if not isinstance(data.get(key), kind):
            raise ValueError(f"{folder / 'kata.toml'}: '{key}' must be a {kind.__name__}")
    return Kata(
        folder.name,
        data["title"],
        data["module"],
        data["points"],
        tuple(data["hints"]),
        tuple(data["docs"]),
    )


def all_katas() -> list[Kata]:
    """Every kata, in order."""
    return [read(p.parent) for p in sorted(KATAS.glob("*/kata.toml"))]


def find(key: str) -> Kata:
    """The kata named by a number ("3", "03") or a folder prefix ("03_sem", "semaphore")."""
    katas = all_katas()
    for kata in katas:
        if key.isdigit() and int(key) == int(kata.number):
            return kata
    matches = [k for k in katas if k.folder.startswith(key) or k.folder.split("_", 1)[1].startswith(key)]
    if len(matches) != 1:
        names = ", ".join(k.folder for k in katas)
        raise LookupError(f"no single kata matches {key!r}; the katas are: {names}")
    return matches[0]
