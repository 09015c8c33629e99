"""The catalogue: the katas of a workspace, and every path of a kata, derived from its folder.

A *workspace* is a folder that holds ``katas/``: this repo, or a student's copy of it. A kata is
one folder of it, ``katas/NN_topic/``. What the student reads and edits is at its top; what the
student does not need is in its hidden ``.meta/`` folder::

    katas/NN_topic/
        README.md                   the lesson
        <module>.py                 the student's file (the stub, until the student edits it)
        test_<module>.py            the rules, one test each
        .meta/kata.toml             title, what it teaches, module, points, docs; the core
                                    rules (the lesson itself; see `Kata.core`); whether its
                                    code runs in a bubble (thread katas: virtual time, deadlocks
                                    found at once); the modules it allows that the grader's
                                    screening would flag (`Kata.allows`)
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

A *student's workspace* (made by `kata init`, see `katakit.student`) holds of each kata only what
the student reads and what the rules and `kata reset` need: no ``hints.toml``, ``solution/``,
``wrong/`` or ``correct/`` in its ``.meta/``, and no ``solutions/``. Those stay with the installed
katas (`installed`), and `keeper` finds them there.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from katakit import i18n

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

    def is_students(self) -> bool:
        """Whether this is a student's workspace: its katas keep no reference solutions."""
        return self.holds_katas() and not any(kata.solution_dir.is_dir() for kata in self.katas())

    def katas(self) -> list[Kata]:
        """Every kata, in order."""
        return [read(toml.parent.parent) for toml in sorted(self.katas_dir.glob("*/.meta/kata.toml"))]

    def find(self, key: str) -> Kata:
        """The kata named by a number ("3", "03") or a folder prefix ("03_sem", "semaphore");
        LookupError, in the student's language, names the katas when none or several match."""
        katas = self.katas()
        for kata in katas:
            if key.isdigit() and int(key) == int(kata.number):
                return kata
        matches = [
            k for k in katas if k.folder.startswith(key) or k.folder.split("_", 1)[1].startswith(key)
        ]
        if len(matches) != 1:
            names = ", ".join(k.folder for k in katas)
            unknown = str(i18n.Text(i18n.COMMAND, "UNKNOWN_KATA"))  # in the student's language
            raise LookupError(unknown.format(key=key, names=names))
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


#: Where the package keeps the katas it was installed with: ``reference/katas`` and
#: ``reference/pyproject.toml`` are links to the repo's own, so an editable install (``pip install
#: -e``) reads the clone itself, and a wheel carries copies of them (package data).
REFERENCE = Path(__file__).resolve().parent / "reference"


def installed() -> Workspace | None:
    """The katas this package was installed with: the clone itself for an editable install, else
    the copy in the package (see REFERENCE); None when there is neither."""
    workspace = Workspace((REFERENCE / "katas").resolve().parent)
    return workspace if workspace.holds_katas() else None


def keeper(kata: Kata) -> Kata:
    """The kata that keeps `kata`'s hints, reference solution and kept solutions: `kata` itself,
    unless its ``.meta/`` keeps no ``solution/`` (a student's workspace); then the installed
    kata of the same folder. NoWorkspace says what to do when there is none."""
    if kata.solution_dir.is_dir():
        return kata
    reference = installed()
    if reference is None or not is_kata(reference.katas_dir / kata.folder):
        where = "this install of katakit holds no katas" if reference is None else (
            f"the installed katas ({reference.katas_dir}) have no {kata.folder}"
        )
        raise NoWorkspace(
            f"kata {kata.folder} keeps its hints and solution with the installed katas, but "
            f"{where}: install the kata repo these katas come from (pip install DIR)"
        )
    return read(reference.katas_dir / kata.folder)


@dataclass(frozen=True)
class Kata:
    path: Path  # the kata's folder, katas/NN_topic
    title: str
    teaches: str  # a line: what it teaches, for the README's table
    module: str  # the student's module, imported by this plain name
    points: int
    docs: tuple[str, ...]
    bubble: bool = False  # its code runs in a bubble (`katakit.instruments.bubble`)
    #: The rules that are the lesson itself (test names): a kata that fails one of them earns at
    #: most half its points when graded.
    core: tuple[str, ...] = ()
    #: Modules the screening flags that this kata's lesson uses (08: ctypes, for Value's type).
    allows: tuple[str, ...] = ()
    #: The title and what it teaches in the other languages: {"ko": {"title": ..., "teaches": ...}}.
    translated: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, repr=False)

    def title_in(self, lang: str | None = None) -> str:
        """The title in `lang` (default: the current language), English when untranslated."""
        return self.translated.get(lang or i18n.language(), {}).get("title", self.title)

    def teaches_in(self, lang: str | None = None) -> str:
        """What it teaches, in `lang` (default: the current language), English when untranslated."""
        return self.translated.get(lang or i18n.language(), {}).get("teaches", self.teaches)

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
    def metadata(self) -> Path:
        return self.meta / "kata.toml"

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

    @property
    def rules_file(self) -> Path:
        """The rules in English would be this file; they are the tests' docstrings, so only its
        translations exist (``rules.ko.toml``: each test's name, and its rule in Korean)."""
        return self.meta / "rules.toml"

    def rule_in(self, test: str, english: str, lang: str | None = None) -> str:
        """The rule of the test function `test`, whose docstring is `english`, in `lang` (default:
        the current language; English when untranslated)."""
        return i18n.catalogue(self.rules_file, lang or i18n.language()).get(test, english)

    def hints_in(self, lang: str | None = None) -> tuple[str, ...]:
        """The hints in `lang` (default: the current language; English when untranslated), a
        nudge first and a near-solution last; none if the file is missing."""
        return tuple(i18n.catalogue(self.hints_file, lang or i18n.language()).get("hints", ())) or (
            tuple(i18n.catalogue(self.hints_file, "en").get("hints", ()))
        )

    @property
    def hints(self) -> tuple[str, ...]:
        """The hints in the current language."""
        return self.hints_in()

    @property
    def student_view(self) -> list[Path]:
        """What a student's workspace holds of this kata: the lesson, the student's file, the
        rules, and of ``.meta/`` what the rules and `kata reset` read; the lesson, the messages
        and the rules' translations in every language they are written in."""
        return [
            *self.in_every_language(self.readme),
            self.student_file(),
            *self.test_files,
            self.metadata,
            *self.in_every_language(self.messages_file),
            *self.in_every_language(self.rules_file)[1:],
            self.scenarios,
            self.pristine_stub,
        ]

    @staticmethod
    def in_every_language(base: Path) -> list[Path]:
        """`base` (the English file) and each translation of it that exists."""
        translations = (i18n.file_for(base, lang) for lang in i18n.LANGUAGES[1:])
        return [base, *(path for path in translations if path.is_file())]

    def kept(self, kind: str) -> list[Path]:
        """The kept "wrong" or "correct" solutions."""
        if kind not in KEPT_KINDS:
            raise ValueError(f"kept solutions are {KEPT_KINDS}, not {kind!r}")
        return sorted((self.meta / kind).glob("*.py"))


def read_toml(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def read(folder: Path) -> Kata:
    """The kata in `folder`, from its ``.meta/kata.toml``; a missing or mistyped key is an error."""
    folder = folder.resolve()
    path = folder / ".meta" / "kata.toml"
    data = read_toml(path)
    for key, kind in REQUIRED.items():
        if not isinstance(data.get(key), kind):
            raise ValueError(f"{path}: '{key}' must be a {kind.__name__}")
    core = data.get("core", [])
    if not isinstance(core, list) or not all(isinstance(name, str) for name in core):
        raise ValueError(f"{path}: 'core' must be a list of test names")
    allows = data.get("allows", [])
    if not isinstance(allows, list) or not all(isinstance(name, str) for name in allows):
        raise ValueError(f"{path}: 'allows' must be a list of module names")
    bubble = data.get("bubble", False)
    if not isinstance(bubble, bool):
        raise ValueError(f"{path}: 'bubble' must be a bool")
    translated = {lang: data[lang] for lang in i18n.LANGUAGES if isinstance(data.get(lang), dict)}
    return Kata(
        folder,
        data["title"],
        data["teaches"],
        data["module"],
        data["points"],
        tuple(data["docs"]),
        bubble,
        tuple(core),
        tuple(allows),
        translated,
    )


def is_kata(folder: Path) -> bool:
    """Whether `folder` is a kata's folder."""
    return (folder / ".meta" / "kata.toml").is_file()
