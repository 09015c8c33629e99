"""The grader: submissions kept under tests/submissions/ score what they earned, cheats included.

Each folder of tests/submissions/ holds only what differs from a stub-only submission (a copy of
the katas with every student file its pristine stub), plus expected.toml: the katas to grade
(``katas``, default all), the katas whose reference solution to copy in (``solutions``), files
to delete (``delete``), the expected ``score`` (the grade of record: flagged katas withheld),
the points ``earned`` before withholding (default: the score), the katas ``flagged``, and the
expected ``[verdicts]`` per kata; ``every_kata = "solution"`` stands for every kata of the
catalogue solved (its solution copied in, every point, every verdict "passed"). A folder with a ``recipe`` number keeps one of the five
recipes of issue 11, written against the grader itself: those are graded together, through
``kata grade-all`` and through the Gradescope script in a simulated layout, where the platform
lets the grader confine student code. Every grading here also checks that no process of it is
left.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import site
import subprocess
import sys
import tempfile
import sysconfig
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kata_runs import WORKSPACE

from katakit import catalog, confine, grading, i18n, runner, screening
from katakit.catalog import tomllib
from katakit.kinds import Kind

REPO = Path(__file__).resolve().parent.parent
SUBMISSIONS = Path(__file__).resolve().parent / "submissions"
#: Seconds any one `kata` command may take.
DEADLINE = 300


# --- building submissions -----------------------------------------------------------------------


def expected(name: str) -> dict:
    """The expected.toml of fixture `name`, its ``every_kata`` spelt out from the catalogue."""
    wanted = tomllib.loads((SUBMISSIONS / name / "expected.toml").read_text(encoding="utf-8"))
    every = wanted.pop("every_kata", None)
    if every is None:
        return wanted
    if every != "solution":
        raise ValueError(f"{name}/expected.toml: every_kata must be \"solution\", not {every!r}")
    katas = WORKSPACE.katas()
    solved = {
        "solutions": [k.number for k in katas],
        "score": sum(k.points for k in katas),
        "verdicts": {k.number: "passed" for k in katas},
    }
    return {**wanted, **solved}


def stub_submission(dest: Path) -> Path:
    """A student's copy of the katas and configuration, every student file its pristine stub."""
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache")
    shutil.copytree(REPO / "katas", dest / "katas", ignore=ignore)
    for name in ("pyproject.toml", "conftest.py"):
        shutil.copy(REPO / name, dest / name)
    for kata in WORKSPACE.katas():
        shutil.copy(kata.pristine_stub, kata.student_file(dest / "katas"))
    return dest


def build(name: str, dest: Path) -> Path:
    """The submission of fixture `name`: stubs, then its files, deletions and solutions."""
    submission = stub_submission(dest)
    fixture = SUBMISSIONS / name
    ignore = shutil.ignore_patterns("expected.toml", "__pycache__")
    shutil.copytree(fixture, submission, dirs_exist_ok=True, ignore=ignore)
    wanted = expected(name)
    for relative in wanted.get("delete", []):
        (submission / relative).unlink()
    for key in wanted.get("solutions", []):
        kata = WORKSPACE.find(key)
        shutil.copy(kata.solution, kata.student_file(submission / "katas"))
    return submission


def katas_of(wanted: dict) -> list[catalog.Kata]:
    """The katas a fixture's expected.toml names (default: every kata)."""
    return [WORKSPACE.find(key) for key in wanted.get("katas", [])] or WORKSPACE.katas()


@pytest.fixture
def marker(monkeypatch) -> str:
    """An environment entry every process the grader starts inherits; none may be left after."""
    entry = f"KATA_GRADING_TEST={uuid.uuid4().hex}"
    monkeypatch.setenv(*entry.split("=", 1))
    yield entry
    assert not confine.processes_with(entry), "a process of the grading was left running"


def verdicts(grade: grading.Grade) -> dict[str, str]:
    """Each kata's verdict, by kata number."""
    return {k.kata.number: k.verdict for k in grade.katas}


# --- every kept submission ------------------------------------------------------------------------


FIXTURES = sorted(p.name for p in SUBMISSIONS.iterdir() if (p / "expected.toml").is_file())
RECIPES = [name for name in FIXTURES if "recipe" in expected(name)]
OTHERS = [name for name in FIXTURES if name not in RECIPES]
#: A test that grades several katas (every kata of the catalogue, for "full") gets the deadline of
#: a `kata` command, DEADLINE: on a loaded machine that takes longer than the repo's backstop for
#: a single test.
grades_katas = pytest.mark.timeout(DEADLINE)


def flagged(grade: grading.Grade) -> list[str]:
    """The katas flagged, by number."""
    return [k.kata.number for k in grade.katas if k.flags]


@grades_katas
@pytest.mark.parametrize("name", OTHERS)
def test_kept_submission_scores_what_it_earned(name, tmp_path, marker):
    # Rule: each cheat scores 0 with its verdict; full and partial submissions score their points.
    wanted = expected(name)
    grade = grading.grade(build(name, tmp_path / name), katas_of(wanted), withhold_flagged=True)
    report = grading.text(grade)
    assert grading.points(grade.score) == grading.points(wanted["score"]), report
    earned = sum(k.earned for k in grade.katas)
    assert grading.points(earned) == grading.points(wanted.get("earned", wanted["score"])), report
    assert verdicts(grade) == wanted["verdicts"], report
    assert flagged(grade) == wanted.get("flagged", []), report


def test_every_cheat_of_the_issue_is_kept_and_scores_zero():
    # Rule: the cheat fixtures are kept, and each expects 0 points; the five recipes too.
    cheats = set(FIXTURES) - {"full", "partial"}
    assert len(cheats) == 21
    assert all(expected(name)["score"] == 0 for name in cheats)
    assert sorted(expected(name)["recipe"] for name in RECIPES) == [1, 2, 3, 4, 5]


def test_no_kept_solution_is_flagged_and_every_recipe_is():
    # Rule: no reference, kept correct or kept wrong solution, nor stub, is flagged; every recipe's
    # file is.
    for kata in WORKSPACE.katas():
        for path in [kata.solution, kata.pristine_stub, *kata.kept("correct"), *kata.kept("wrong")]:
            assert screening.flags(path.read_bytes(), kata.allows) == (), path
    for name in RECIPES:
        files = list((SUBMISSIONS / name / "katas").rglob("*.py"))
        assert files and all(screening.flags(path.read_bytes()) for path in files), name


@pytest.mark.parametrize(
    "code, flag",
    [
        pytest.param("import io", "imports io", id="a-module-no-kata-uses"),
        pytest.param("import threading\nthreading.excepthook.__closure__", "uses .__closure__", id="closure"),
        pytest.param("cell.cell_contents", "uses cell.cell_contents", id="cell"),
        pytest.param("import threading\ngetattr(f, '__closure__')", "uses f.__closure__", id="closure-by-getattr"),
        pytest.param("import os\ngetattr(os, 'set' + 'sid')", "calls getattr with a computed name", id="computed-name"),
        pytest.param("import threading\nthreading._os", "uses threading._os", id="private-of-a-module"),
        pytest.param("import threading\nthreading.__dict__", "uses threading.__dict__", id="dict-of-a-module"),
        pytest.param("import threading\nvars(threading)", "calls vars of threading", id="vars-of-a-module"),
        pytest.param("import threading\nthreading.excepthook = print", "changes threading.excepthook", id="assigned"),
        pytest.param("import threading\nsetattr(threading, 'Lock', 1)", "changes threading.Lock", id="setattr"),
        pytest.param("import os\nos.write(5, b'')", "uses os.write", id="fd-write"),
        pytest.param("from os import dup", "uses os.dup", id="fd-imported"),
        pytest.param("import os\nos.environ", "uses os.environ", id="environment"),
        pytest.param("open(5, 'wb')", "calls open", id="open"),
        pytest.param("from multiprocessing.connection import Connection", "imports Connection", id="connection"),
        pytest.param("name = 'PYTEST_CURRENT_TEST'", "names PYTEST_", id="pytests-variable"),
        pytest.param("folder = '/dev/shm/answers'", "names /dev/shm", id="shared-memory-folder"),
        pytest.param("look = getattr", "uses getattr as a value", id="getattr-as-a-value"),
        pytest.param("class T(str):\n    def __reduce__(self):\n        return eval, ('1',)", "defines __reduce__", id="reduce"),
        pytest.param("import operator\noperator.attrgetter('a' + 'b')", "calls attrgetter with a name not written out", id="attrgetter"),
        pytest.param("name = 'x.__closure__'", "names 'x.__closure__'", id="dunder-in-a-string"),
        pytest.param("'{0.cell_contents}'.format(cell)", "reaches an attribute in a format field", id="format-field"),
        pytest.param("import threading\nt = threading\nt._os", "uses t._os", id="alias-of-a-module"),
        pytest.param("def table(of):\n    return of.__dict__", "uses of.__dict__", id="a-dict-not-keyed"),
        pytest.param("names = vars(thing)", "calls vars", id="vars-not-keyed"),
        pytest.param("class T:\n    __reduce__ = print", "defines __reduce__", id="reduce-assigned"),
        pytest.param("from logging.config import BaseConfigurator", "imports logging.config", id="resolver"),
        pytest.param("import typing\ntyping.get_type_hints(f)", "uses typing.get_type_hints", id="annotations"),
        pytest.param("def g(x: 'exec(code)'):\n    pass", "calls exec", id="code-in-an-annotation"),
        pytest.param("import multiprocessing\nmultiprocessing.current_process()._args", "uses multiprocessing.current_process()._args", id="private-of-anothers-object"),
        pytest.param("import multiprocessing\nself._args = ()\nmultiprocessing.current_process()._args", "uses multiprocessing.current_process()._args", id="private-of-the-judges-defined-too"),
        pytest.param("import multiprocessing as mp\ngetattr(mp.current_process(), '_args')", "uses mp.current_process()._args", id="private-by-getattr"),
        pytest.param("import multiprocessing as mp\nvars(mp.current_process())['_args']", "uses mp.current_process()._args", id="private-by-vars"),
        pytest.param("import multiprocessing as mp\nmp.current_process().__dict__.get('_args')", "uses mp.current_process()._args", id="private-by-dict"),
        pytest.param("import multiprocessing as mp\nself = mp.current_process()\nself._args", "binds self", id="self-bound"),
        pytest.param("import multiprocessing as mp\nsuper = mp.current_process\nsuper()._args", "binds super", id="super-bound"),
        pytest.param("import multiprocessing as mp\n(lambda self: self._args)(mp.current_process())", "takes self outside a method", id="self-of-a-lambda"),
        pytest.param("import multiprocessing as mp\nsuper(mp.Process, mp.current_process())._check_closed()", "uses super(mp.Process, mp.current_process())._check_closed", id="super-of-another"),
        pytest.param("import sys, operator\noperator.attrgetter('tb_frame.f_back')(sys.exc_info()[2])", "calls attrgetter with 'tb_frame.f_back'", id="frames-through-a-dotted-getter"),
        pytest.param("from operator import attrgetter as fetch\nfetch('f_' + 'back')", "imports attrgetter as fetch", id="a-renamed-getter"),
        pytest.param("from dataclasses import inspect", "reaches inspect as dataclasses.inspect", id="module-imported-from-a-module"),
        pytest.param("import dataclasses\ndef part(module):\n    return module.inspect\npart(dataclasses)", "uses module.inspect", id="module-through-a-parameter"),
        pytest.param("from sys import _current_frames", "uses sys._current_frames", id="private-name-imported"),
        pytest.param("class R:\n    def read(self, name):\n        return getattr(self, name)", "calls getattr with a computed name", id="self-by-a-computed-name"),
        pytest.param("import multiprocessing as mp\nclass P(mp.Process):\n    def peek(self):\n        return super(P, mp.current_process()).name", "calls super with mp.current_process()", id="super-of-another-object"),
        pytest.param("import functools\nfunctools.singledispatch(len).register(ns)", "uses functools.singledispatch", id="singledispatch"),
        pytest.param("Row = type('Row', (), {'_' + '_annotations_' + '_': {}})", "calls type with a namespace not written out", id="type-with-a-computed-namespace"),
        pytest.param("import dataclasses\ndataclasses.dataclass(Row)", "uses dataclasses.dataclass other than as a decorator", id="dataclass-called"),
        pytest.param("match tb:\n    case Reader(frame):\n        pass", "matches Reader by position", id="a-match-by-position"),
        pytest.param("import abc\nReader = abc.ABCMeta('Reader', (), {})", "calls ABCMeta", id="a-metaclass-called"),
        pytest.param("from sys import *\nmodules.get('x')", "imports * from sys", id="a-star-import"),
        pytest.param("import multiprocessing as mp\nmatch mp.current_process():\n    case self:\n        self._args", "binds self", id="self-bound-by-a-match"),
        pytest.param("x = (" + "-" * 3000 + "x)", "nests too deeply to be read", id="too-deep-to-read"),
        pytest.param("import multiprocessing as mp\nclass p:\n    pass\ndef f(p):\n    return p._args\nf(mp.current_process())", "uses p._args", id="a-parameter-named-as-a-class"),
        pytest.param("import dataclasses\n@dataclasses.dataclass\nclass Row:\n    index: int = 0\n    __annotations__[name] = int", "uses __annotations__", id="a-field-name-written-into-code"),
        pytest.param("import logging.config\nlogging.config.dictConfigClass({}).resolve(name)", "imports logging.config", id="a-resolver-imported"),
        pytest.param("from logging import config", "uses logging.config", id="a-resolver-from-its-package"),
        pytest.param("from multiprocessing.reduction import ForkingPickler", "imports multiprocessing.reduction", id="a-pickler"),
        pytest.param("import multiprocessing as mp\nmp.get_context().reducer.ForkingPickler.loads(b)", "uses .ForkingPickler", id="a-pickler-through-a-context"),
        pytest.param("import operator\ndef pick(m):\n    return vars(m)['attrgetter']\npick(operator)", "uses attrgetter as a value", id="a-getter-by-a-key-of-vars"),
        pytest.param("import functools\nfunctools.update_wrapper(holder, tb, assigned=(), updated=(name,))", "uses functools.update_wrapper", id="update-wrapper"),
        pytest.param("from functools import wraps\nwraps(f, assigned=(name,))(g)", "calls wraps with more than the function it wraps", id="wraps-given-names"),
        pytest.param("import dataclasses\ndataclasses.inspect", "reaches inspect as dataclasses.inspect", id="module-through-a-module"),
        pytest.param("from multiprocessing import reduction\nr = reduction\nr.pickle", "reaches pickle as r.pickle", id="module-through-an-alias"),
        pytest.param("import traceback\ntraceback.walk_stack(None)", "uses traceback.walk_stack", id="frames-through-traceback"),
        pytest.param("match f:\n    case object(__closure__=c):\n        pass", "uses object.__closure__", id="a-match-pattern"),
        pytest.param("match f:\n    case object(f_locals=v, _target=t):\n        pass", "uses object._target", id="a-match-pattern-private"),
        pytest.param("import logging\nlogging.currentframe()", "uses logging.currentframe", id="frames-through-logging"),
        pytest.param("frame.f_builtins['ev' + 'al']", "uses frame.f_builtins", id="builtins-of-a-frame"),
        pytest.param("b = locals()['x']", "calls locals", id="locals"),
        pytest.param("def g(x: ('ex' + 'ec(c)')):\n    pass", "computes an annotation: ex + ec(c)", id="an-annotation-joined"),
        pytest.param("import sys\nsys.gettrace()", "uses sys.gettrace", id="trace-function"),
        pytest.param("import sys\nsys.meta_path.insert(0, f)", "uses sys.meta_path", id="import-hooks"),
        pytest.param("def g(x: 'list[\"eval(c)\"]'):\n    pass", "calls eval", id="code-in-an-annotation-within-one"),
    ],
)
def test_a_file_that_reaches_into_the_judges_process_is_flagged(code, flag):
    # Rule: what it takes to reach the judge's channel, recorders or patches from the process they
    # share (introspection, private names, a module's attributes changed, file descriptors) is
    # flagged.
    assert flag in screening.flags(code.encode()), screening.flags(code.encode())


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("store.__dict__.get('index')\nstore.__dict__['index'] = 1\nvars(store).get('i')", id="a-locals-own-dict"),
        pytest.param("getattr(store, 'index', None)\nsetattr(store, 'index', 1)", id="named-lookups"),
        pytest.param("self._lock = 1\nself._lock.acquire()", id="own-private-names"),
        pytest.param("import os\nos.getpid(), os.getppid(), os.cpu_count()", id="pids-and-cores"),
        pytest.param("import multiprocessing\nmultiprocessing.Process.__init__(self)", id="super-init"),
        pytest.param("from multiprocessing.connection import wait", id="connection-wait"),
        pytest.param("gate = 'open'", id="the-word-open"),
        pytest.param("import operator\nsorted(r, key=operator.attrgetter('argument'))", id="attrgetter"),
        pytest.param("class R:\n    __enter__ = acquire\n    __slots__ = ('a',)", id="aliased-methods"),
        pytest.param("class C:\n    def __repr__(self):\n        return str(self.__dict__) + str(vars(self))", id="own-dict"),
        pytest.param("import json, traceback\nkeys = {'code': 1, 'resource': 2}", id="common-words"),
        pytest.param("print('{0.name}: {0.ident}'.format(thread))", id="public-format-fields"),
        pytest.param("if __name__ == '__main__':\n    print(f'{x:.2f}', '{:>5}'.format(y))", id="main-and-formats"),
        pytest.param("class C:\n    def __init__(self):\n        self._n = 0\n    def same(self, other):\n        return other._n", id="private-names-it-defines"),
        pytest.param("Report._make(row)._asdict()", id="named-tuple-methods"),
        pytest.param("import queue\nclass Q(queue.Queue):\n    def _put(self, item):\n        super()._put(item)", id="private-of-the-base-class"),
        pytest.param("class C:\n    _n = 0\n    def __init__(self):\n        C._n += 1\n        type(self)._n += 1\n        self.__class__._n += 1", id="private-of-its-own-class"),
        pytest.param("class C:\n    def run(self):\n        def work():\n            self._x = 1\n        return work\n    @classmethod\n    def make(cls):\n        return cls._x", id="self-in-a-closure-and-cls"),
        pytest.param("import concurrent.futures\nconcurrent.futures.thread", id="allowed-submodule"),
        pytest.param("from concurrent.futures import thread\nimport operator\noperator.attrgetter('name.upper')", id="allowed-submodule-imported-and-a-dotted-getter"),
        pytest.param("from dataclasses import dataclass\n@dataclass(frozen=True)\nclass A:\n    x: int = 0\nclass B(A):\n    def f(self):\n        A.f(self)\n        super(B, self).f()\nNever = type('Never', (Exception,), {})", id="dataclasses-base-calls-and-a-plain-type"),
        pytest.param("match x:\n    case int(n) | str(n):\n        pass\n    case Point(x=1):\n        pass", id="a-match-by-position-on-a-built-in-type"),
        pytest.param("import functools\ndef synchronized(method):\n    @functools.wraps(method)\n    def inner(self, *args):\n        with self._lock:\n            return method(self, *args)\n    return inner", id="a-decorator-of-methods"),
        pytest.param("import abc, threading\nclass Counter(metaclass=abc.ABCMeta):\n    def increment(self):\n        pass\nc = Counter()\nthreading.Thread(target=Counter.increment, args=(c,)).start()\nCounter.increment(c)", id="a-method-called-on-its-class"),
        pytest.param("from dataclasses import dataclass\n@dataclass\nclass Put:\n    item: int\nmatch m:\n    case Put(item):\n        pass", id="a-match-by-position-on-its-own-class"),
        pytest.param("import os\nos.path.join(os.path.dirname('a'), 'b')", id="os-path"),
        pytest.param("def f(q: 'queue.Queue[int] | None', n: int = 1) -> list[tuple[str, int]]:\n    x: 'Report'", id="annotations-that-name-types"),
    ],
)
def test_what_honest_files_do_is_not_flagged(code):
    # Rule: what the katas' honest files do is no flag.
    assert screening.flags(code.encode()) == ()


def test_a_grade_shown_as_text_cannot_move_the_terminals_cursor():
    # Rule: control characters of what student code raised or printed are written out in the
    # text format (an escape sequence could erase the real summary and draw a fake one).
    shown = grading.terminal_safe("real\x1b[2K\x1b[1A\rfake: passed 10/10\ttab\nnext")
    assert shown == "real\\x1b[2K\\x1b[1A\\x0dfake: passed 10/10\ttab\nnext"


# --- the five recipes of issue 11 ---------------------------------------------------------------


def platform() -> confine.Platform:
    """How far the grader confines student code on this machine."""
    return confine.Platform.probe(WORKSPACE.root, grading.secrets(WORKSPACE))


needs_confinement = pytest.mark.skipif(
    not platform().confined,
    reason=f"the grader cannot confine student code here: {platform().summary()}",
)

#: What a recipe would leave behind if it got out: its rewriting process, its .pth.
TOKEN = "kata-escape-recipe"
PLANTED = "zz_kata_recipe.pth"


def recipe_katas() -> str:
    """The katas the recipes use, for --katas ("01,03,...")."""
    return ",".join(sorted({key for name in RECIPES for key in expected(name)["katas"]}))


def processes_named(token: str) -> list[int]:
    """The processes whose command line holds `token`."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if token.encode() in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:
            continue
    return found


def snapshot(*folders: Path) -> dict[Path, tuple[int, int]]:
    """Every file under `folders` (byte code caches left out) with its size and mtime."""
    return {
        path: (path.stat().st_size, path.stat().st_mtime_ns)
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def site_folders() -> list[Path]:
    """Every site-packages folder a .pth could be planted in."""
    folders = {*site.getsitepackages(), site.getusersitepackages(), sysconfig.get_path("purelib")}
    return [Path(folder) for folder in folders if Path(folder).is_dir()]


class Watched:
    """Folders whose files must not change, each snapshotted when it is added."""

    def __init__(self) -> None:
        self.before: dict[Path, tuple[int, int]] = {}
        self.folders: list[Path] = []

    def add(self, *folders: Path) -> None:
        self.folders += folders
        self.before.update(snapshot(*folders))

    def changed(self) -> list[Path]:
        after = snapshot(*self.folders)
        paths = {*self.before, *after}
        return sorted(path for path in paths if self.before.get(path) != after.get(path))


@pytest.fixture
def untouched():
    """Nothing outside the grader's scratch area changes: not the reference's code and katas,
    not site-packages (no .pth planted), not what the test adds (its inputs); and no process of
    a recipe is left."""
    watched = Watched()
    watched.add(WORKSPACE.root / "katakit", WORKSPACE.katas_dir, *site_folders())
    yield watched
    assert not processes_named(TOKEN), "a process of a recipe outlived the run"
    assert not [folder for folder in site_folders() if (folder / PLANTED).exists()]
    assert not watched.changed(), "files outside the scratch area changed"


def recipe_file(name: str) -> Path:
    """The one student file of recipe `name`."""
    (path,) = (SUBMISSIONS / name / "katas").rglob("*.py")
    return path


@needs_confinement
@grades_katas
def test_recipes_score_their_honest_part_in_grade_all(tmp_path, marker, untouched):
    # Rule: through `kata grade-all --withhold-flagged`, each recipe scores what its honest part
    # earns, with its verdict and its flag; nothing it started is left, nothing outside the
    # scratch area changes, and the gradebook and JSON grades stay as the grader wrote them.
    folder = tmp_path / "class"
    for name in RECIPES:
        shutil.copytree(SUBMISSIONS / name / "katas", folder / name / "katas")
    untouched.add(folder)
    book, grades = tmp_path / "book.csv", tmp_path / "grades"
    options = ("--katas", recipe_katas(), "--withhold-flagged", "--confined-only", "--jobs", "2")
    outputs = ("--csv", str(book), "--json", str(grades))
    graded = kata("grade-all", str(folder), *options, *outputs, cwd=tmp_path)
    assert graded.returncode == 0, graded.stderr
    assert "Confinement: confined" in graded.stderr, graded.stderr
    written = book.read_text(), sorted((p.name, p.read_text()) for p in grades.iterdir())
    with open(book, encoding="utf-8") as table:
        rows = {row["id"]: row for row in csv.DictReader(table)}
    for name in RECIPES:
        wanted = expected(name)
        (number,) = wanted["katas"]
        kata_folder = WORKSPACE.find(number).folder
        row = rows[name]
        assert float(row["total"]) == wanted["score"], row
        assert row[f"{kata_folder} verdict"] == wanted["verdicts"][number], row
        assert row["flags"].startswith(f"{number}: ") and row["confinement"] == "confined", row
        data = json.loads((grades / f"{name}.json").read_text())
        (graded_kata,) = [k for k in data["katas"] if k["kata"] == kata_folder]
        assert graded_kata["earned"] == wanted.get("earned", wanted["score"]), graded_kata
    assert (book.read_text(), sorted((p.name, p.read_text()) for p in grades.iterdir())) == written


def gradescope_layout(root: Path, submission: Path) -> dict[str, str]:
    """An /autograder layout in `root` (source: this repo; venv: this Python's), holding
    `submission`; the environment that runs run_autograder there."""
    (root / "source").symlink_to(WORKSPACE.root)
    (root / "venv").symlink_to(Path(sys.prefix))
    shutil.copytree(submission, root / "submission")
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    return {**env, "AUTOGRADER_ROOT": str(root), "KATA_TIMEOUT_SCALE": "1"}


@needs_confinement
@grades_katas
def test_recipes_score_their_honest_part_in_the_gradescope_script(tmp_path, marker, untouched):
    # Rule: the Gradescope script, run in a simulated layout on a flat upload of the five
    # recipes' files, writes results.json with a test entry per test, every recipe's kata at its
    # honest part; nothing they started is left and nothing outside the scratch area changes.
    upload = tmp_path / "upload"
    upload.mkdir()
    for name in RECIPES:
        shutil.copy(recipe_file(name), upload)
    root = tmp_path / "autograder"
    root.mkdir()
    env = gradescope_layout(root, upload)
    untouched.add(root / "submission")
    results = root / "results" / "results.json"
    script = WORKSPACE.root / "templates" / "gradescope" / "run_autograder"
    done = subprocess.run(
        ["bash", str(script), "--katas", recipe_katas(), "--confined-only"],
        capture_output=True, text=True, env=env, timeout=DEADLINE, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(results.read_text())
    assert data["score"] == sum(expected(name)["score"] for name in RECIPES), data["output"]
    assert "Confinement: confined" in data["output"]
    for name in RECIPES:
        wanted = expected(name)
        (number,) = wanted["katas"]
        kata_folder = WORKSPACE.find(number).folder
        entries = [t for t in data["tests"] if t["name"].startswith(kata_folder)]
        assert len(entries) > 1 and all(t["visibility"] == "visible" for t in entries), name
        assert round(sum(t["score"] for t in entries), 1) == wanted["score"], entries
        assert "flagged: " in entries[-1]["name"], entries[-1]
    assert json.loads(results.read_text()) == data


# --- verdicts without a run -----------------------------------------------------------------------


def test_only_regular_files_reached_without_a_link_and_not_too_large_are_taken(tmp_path):
    # Rule: a missing file, a symbolic link (to the file or a folder on the way), a folder, a FIFO
    # and an oversized file are not taken, and each says why; a file in the repo's place or, in
    # an upload of just the kata files, at the top is.
    kata = WORKSPACE.find("03")
    cases = {}
    for case in ("missing", "file_link", "folder_link", "folder", "fifo", "large", "good", "flat"):
        (tmp_path / case / "katas").mkdir(parents=True)
        cases[case] = tmp_path / case
    (cases["flat"] / "pool.py").write_bytes(b"flat\n")
    (cases["file_link"] / "katas" / kata.folder).mkdir()
    kata.student_file(cases["file_link"] / "katas").symlink_to(kata.solution)
    (cases["folder_link"] / "katas" / kata.folder).symlink_to(kata.solution.parent)
    kata.student_file(cases["folder"] / "katas").mkdir(parents=True)
    for case, content in (("large", b"#" * (grading.MAX_FILE_BYTES + 1)), ("good", b"pass\n")):
        (cases[case] / "katas" / kata.folder).mkdir()
        kata.student_file(cases[case] / "katas").write_bytes(content)
    (cases["fifo"] / "katas" / kata.folder).mkdir()
    os.mkfifo(kata.student_file(cases["fifo"] / "katas"))
    taken = {case: grading.collect(path, [kata])[kata.folder] for case, path in cases.items()}
    assert taken.pop("good") == b"pass\n"
    assert taken.pop("flat") == b"flat\n"
    assert all(isinstance(why, grading.Rejected) for why in taken.values())
    reasons = {case: str(why) for case, why in taken.items()}
    assert "there is no katas/03_semaphore/pool.py (nor pool.py at the top)" in reasons["missing"]
    assert "katas/03_semaphore/pool.py is a symbolic link" in reasons["file_link"]
    assert "katas/03_semaphore is a symbolic link" in reasons["folder_link"]
    assert "not a regular file" in reasons["folder"] and "not a regular file" in reasons["fifo"]
    assert "larger than 256 KiB" in reasons["large"]


def verdict(outcome: str, kind: Kind | None = None, name: str = "test_x") -> runner.TestVerdict:
    """A test's verdict as the plugin reports it, with a two-line message."""
    return runner.TestVerdict(name, outcome, kind, f"{kind} happened\nmore")


def test_verdicts_of_test_results():
    # Rule: the kata's verdict follows its tests: crash, stuck, failing, passed, error.
    assert grading.verdict_of([verdict("passed"), verdict("skipped")]) == ("passed", "")
    assert grading.verdict_of([])[0] == "error"
    assert grading.verdict_of([verdict("failed", Kind.IMPORT_ERROR), verdict("failed", Kind.SILENT_EXIT)]) == (
        "crashed",
        "import-error happened",
    )
    assert grading.verdict_of([verdict("passed"), verdict("failed", Kind.STUCK)])[0] == "stuck"
    assert grading.verdict_of([verdict("passed"), verdict("failed", Kind.ASSERTION)]) == (
        "failing",
        "1 of 2 tests failed",
    )
    teardown = grading.merged([verdict("passed"), verdict("error"), verdict("passed", name="test_y")])
    assert [t.outcome for t in teardown] == ["error", "passed"]


def results(*names: str, outcome: str = "passed") -> bytes:
    """A results file of the plugin's, with one test of kata 03 per name."""
    entry = {"kind": None, "message": "", "rules": {}, "outcome": outcome}
    tests = [{**entry, "nodeid": f"katas/03_semaphore/test_pool.py::{n}", "name": n} for n in names]
    return json.dumps({"exitstatus": 0, "tests": tests}).encode()


BOTH = results("test_a", "test_b")


@pytest.mark.parametrize(
    "run, why",
    [
        pytest.param(runner.ConfinedRun(-9, BOTH, ""), "killed", id="killed"),
        pytest.param(runner.ConfinedRun(2, BOTH, ""), "exit code 2", id="interrupted"),
        pytest.param(runner.ConfinedRun(0, results("test_a"), ""), "the kata has 2", id="one-test"),
        pytest.param(
            runner.ConfinedRun(0, results("test_a", "test_b", "test_c"), ""),
            "the kata has 2",
            id="extra",
        ),
        pytest.param(runner.ConfinedRun(0, b"", ""), "unreadable results", id="nothing-written"),
        pytest.param(runner.ConfinedRun(None, b"", ""), "wall-clock limit", id="timeout"),
    ],
)
def test_a_run_killed_ended_oddly_or_reporting_other_tests_earns_nothing(run, why):
    # Rule: a run killed, ended with another exit code than pytest's 0 or 1, or reporting other
    # tests than the kata's (counted from the pristine copy) earns nothing.
    expected_ids = frozenset(f"katas/03_semaphore/test_pool.py::{n}" for n in ("test_a", "test_b"))
    verdict_, detail, tests = grading.assessed(run, expected_ids, 1.0)
    assert verdict_ in ("error", "timeout") and why in detail and tests == ()
    fine = runner.ConfinedRun(1, results("test_a", "test_b"), "")
    assert grading.assessed(fine, expected_ids, 1.0)[0] == "passed"


def graded(kata: catalog.Kata, failing: list[str], **options) -> grading.KataGrade:
    """`kata` graded on its core rules and two more tests, those named in `failing` failed."""
    names = [*kata.core, "test_other[a]", "test_other[b]"]
    outcomes = ["failed" if n.split("[")[0] in failing else "passed" for n in names]
    tests = tuple(verdict(outcome, Kind.ASSERTION, n) for outcome, n in zip(outcomes, names))
    return grading.KataGrade(kata, "failing", "", tests, 0.0, **options)


def test_a_failed_core_rule_caps_the_kata_at_half_its_points():
    # Rule: a kata earns its points times the share of tests passed, at most half its points when
    # one of its core rules failed; a flagged kata that is withheld scores 0 and says so.
    kata = WORKSPACE.find("05")
    share = kata.points / (len(kata.core) + 2)
    assert graded(kata, ["test_other"]).earned == pytest.approx(kata.points - 2 * share)
    capped = graded(kata, [kata.core[0]])
    assert capped.earned == kata.points / 2 and capped.core_failed == [kata.core[0]]
    assert "core rule failed" in grading.kata_summary(capped)
    withheld = graded(kata, [], flags=("imports katakit",), withheld=True)
    assert (withheld.earned, withheld.score) == (kata.points, 0)
    assert "flagged: imports katakit; withheld" in grading.kata_summary(withheld)
    entries = grading.entries(capped)
    assert sum(e.score for e in entries) == pytest.approx(capped.score)
    assert entries[-1].score < 0 and "core rule failed" in entries[-1].name


def test_confined_only_runs_no_student_code_where_it_cannot_be_confined(monkeypatch):
    # Rule: with confined_only, a grader that cannot confine student code refuses before any run.
    unconfined = confine.Platform(False, False, False, "no namespaces")
    monkeypatch.setattr(confine.Platform, "probe", lambda reference, secrets: unconfined)
    with pytest.raises(grading.Unconfined, match="unconfined: .*no namespaces"):
        grading.setup([WORKSPACE.find("03")], [], confined_only=True)


@pytest.mark.parametrize(
    "platform_, word",
    [
        pytest.param(confine.Platform(True, True, True), "confined: ", id="namespaces-and-uid"),
        pytest.param(confine.Platform(False, True, True, "no namespaces"), "confined: ", id="uid"),
        pytest.param(confine.Platform(False, True, False, "x read"), "unconfined: ", id="readable"),
        pytest.param(
            confine.Platform(True, False, True, confine.SHARED_UID), "unconfined: ", id="shared-uid"
        ),
        pytest.param(confine.Platform(False, False, False, "none"), "unconfined: ", id="nothing"),
    ],
)
def test_confinement_is_claimed_only_where_it_holds(platform_, word):
    # Rule: "confined" only when student code ran under a uid of its own that could not read the
    # reference solutions; otherwise "unconfined", with what is missing.
    assert platform_.summary().startswith(word)
    assert platform_.confined == (word == "confined: ")
    if platform_.missing:
        assert platform_.missing in platform_.summary()


# --- formats --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> grading.Grade:
    """Kata 03 solved, 04 the stub, 06's file deleted."""
    submission = stub_submission(tmp_path_factory.mktemp("mixed") / "submission")
    shutil.copy(WORKSPACE.find("03").solution, WORKSPACE.find("03").student_file(submission / "katas"))
    WORKSPACE.find("06").student_file(submission / "katas").unlink()
    return grading.grade(submission, [WORKSPACE.find(key) for key in ("03", "04", "06")])


def test_mixed_grade_lists_every_kata_with_its_verdict_and_points(mixed):
    # Rule: a pass earns the kata's points, the stub none, a missing file none, each listed.
    assert verdicts(mixed) == {"03": "passed", "04": "failing", "06": "missing"}
    assert [k.score for k in mixed.katas] == [10, 0, 0]
    assert (mixed.score, mixed.max_score) == (10, 30)
    text = grading.text(mixed)
    assert "03_semaphore: 10/10 points, passed" in text
    missing = "06_condition: 0/10 points, missing, no test ran: there is no katas/06_condition/gate.py"
    assert missing in text
    assert "Failures in 04_thread_local:" in text and "is not written yet" in text


def test_json_format(mixed):
    # Rule: --format json gives totals and every kata with every test's verdict.
    data = json.loads(grading.FORMATS["json"](mixed))
    assert (data["score"], data["max_score"]) == (10, 30)
    katas = {k["kata"]: k for k in data["katas"]}
    assert katas["03_semaphore"]["passed"] == katas["03_semaphore"]["total"] > 0
    assert all(t["outcome"] == "failed" for t in katas["04_thread_local"]["tests"])
    assert katas["06_condition"]["verdict"] == "missing"


def test_gradescope_format(mixed):
    # Rule: --format gradescope follows Gradescope's results.json: an entry per test of each kata,
    # visible, its points the kata's shared among its tests; a kata that ran no test is one entry.
    data = json.loads(grading.FORMATS["gradescope"](mixed))
    assert {"score", "max_score", "execution_time", "output", "tests"} <= set(data)
    assert (data["score"], data["max_score"]) == (10, 30)
    assert isinstance(data["execution_time"], (int, float)) and isinstance(data["output"], str)
    assert "Confinement: " in data["output"]
    for test in data["tests"]:
        assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(test)
        assert test["status"] in ("passed", "failed") and test["visibility"] == "visible"
    by_kata = {k: [t for t in data["tests"] if t["name"].startswith(k)] for k in ("03", "04", "06")}
    assert len(by_kata["03"]) == mixed.katas[0].total
    assert all(t["status"] == "passed" for t in by_kata["03"])
    assert round(sum(t["max_score"] for t in by_kata["04"])) == 10
    assert all(t["status"] == "failed" and t["score"] == 0 for t in by_kata["04"] + by_kata["06"])
    assert len(by_kata["06"]) == 1 and "missing" in by_kata["06"][0]["name"]
    assert "is not written yet" in by_kata["04"][0]["output"], "the failures' teaching messages"


def test_classroom_format(mixed):
    # Rule: --format classroom is GitHub Classroom's runner result: its tests' scores add up to
    # the grade, out of the grade's maximum.
    data = json.loads(grading.FORMATS["classroom"](mixed))
    assert (data["version"], data["status"], data["max_score"]) == (1, "fail", 30)
    assert round(sum(t["score"] for t in data["tests"]), 6) == 10
    assert {t["status"] for t in data["tests"]} == {"pass", "fail"}
    assert data["tests"][0]["name"].startswith("Confinement: ")


def test_the_grade_speaks_korean_when_the_language_is_ko(mixed, monkeypatch):
    """With KATA_LANG=ko the grade a student reads (its lines, the failures' teaching messages,
    Gradescope's output) is in Korean."""
    monkeypatch.setenv(i18n.LANG_ENV, "ko")
    ko = i18n.catalogue(i18n.COMMAND, "ko")
    solved, failing = mixed.katas[:2]
    tests = ko["GRADE_TESTS"].format(passed=solved.passed, total=solved.total)
    line = {"kata": "03_semaphore", "score": "10", "max_score": 10, "verdict": ko["STATE_PASSED"]}
    text = grading.text(mixed)
    assert ko["GRADE_KATA"].format(tests=tests, why="", notes="", **line) in text
    assert ko["GRADE_TOTAL"].format(score="10", max_score=30) in text
    assert failing.tests[0].message_in("ko").splitlines()[0] in text
    output = json.loads(grading.FORMATS["gradescope"](mixed))["output"]
    assert ko["GRADESCOPE_NOTE"] in output
    assert mixed.platform.summary().startswith((ko["CONFINE_CONFINED"], ko["CONFINE_UNCONFINED"]))
    assert output.endswith(ko["GRADESCOPE_TOTAL"].format(score="10", max_score=30))


def test_junit_format(mixed):
    # Rule: --format junit is JUnit XML: a suite per kata, a case per test, failures marked.
    root = ET.fromstring(grading.FORMATS["junit"](mixed))
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert list(suites) == ["03_semaphore", "04_thread_local", "06_condition"]
    assert suites["03_semaphore"].get("failures") == "0"
    failing = suites["04_thread_local"]
    assert int(failing.get("failures")) == int(failing.get("tests")) == len(failing.findall("testcase"))
    assert suites["06_condition"].get("errors") == "1"
    assert suites["06_condition"].find("testcase/error") is not None
    assert suites["03_semaphore"].find("properties/property[@name='confinement']") is not None


def test_junit_is_well_formed_whatever_the_messages_hold(mixed):
    # Rule: control characters in a message (a student's output, say) are written so that the
    # JUnit XML stays well-formed.
    kata = mixed.katas[1]
    noisy = runner.TestVerdict("test_x", "failed", Kind.RAISED, "bell \x07, nul \x00, esc \x1b[0m")
    graded_kata = grading.KataGrade(kata.kata, "failing", "", (noisy,), 0.0, "\x00")
    grade = grading.Grade("s", (graded_kata,), 0.0, mixed.platform)
    failure = ET.fromstring(grading.FORMATS["junit"](grade)).find(".//failure")
    assert failure.text == "bell \\x07, nul \\x00, esc \\x1b[0m"


# --- limits ---------------------------------------------------------------------------------------


def test_a_kata_past_the_wall_clock_limit_is_stopped_with_nothing_left(tmp_path, marker):
    # Rule: a kata still running at the wall-clock limit scores 0 as "timeout"; all of it is killed
    # (here the judge's child, in a process group of its own, stuck at import).
    submission = build("loops_at_import", tmp_path / "submission")
    grade = grading.grade(submission, [WORKSPACE.find("03")], time_limit=1.0)
    assert verdicts(grade) == {"03": "timeout"} and grade.score == 0
    assert "wall-clock limit of 1 s" in grade.katas[0].detail


def limits_seen(limits: confine.Limits, code: str) -> subprocess.CompletedProcess:
    """Run Python `code` through the launcher with `limits`."""
    command = [sys.executable, "-m", "katakit.confine", *limits.arguments(), "--"]
    command += [sys.executable, "-c", code]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=DEADLINE)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the limits are checked on Linux")
def test_launcher_sets_the_resource_limits():
    # Rule: the confined command runs with the CPU, memory, process, file-size and core-dump
    # limits.
    code = (
        "import resource as r\n"
        "limits = (r.RLIMIT_CPU, r.RLIMIT_AS, r.RLIMIT_NPROC, r.RLIMIT_FSIZE, r.RLIMIT_CORE)\n"
        "print([r.getrlimit(x)[0] for x in limits])\n"
    )
    seen = limits_seen(confine.Limits(7, 2**30, 5, 2**20), code)
    cpu, memory, processes, file_bytes, core = json.loads(seen.stdout)
    assert (cpu, memory, file_bytes, core) == (7, 2**30, 2**20, 0)
    assert 5 < processes <= confine.user_tasks() + 5 + 100, "the tasks running plus 5"
    hog = limits_seen(confine.Limits(memory_bytes=2**30), "bytearray(2**31)")
    assert hog.returncode != 0 and "MemoryError" in hog.stderr
    writer = "import tempfile\ntempfile.TemporaryFile().write(b'x' * 2**21)"
    large = limits_seen(confine.Limits(file_bytes=2**20), writer)
    assert large.returncode != 0 and "File too large" in large.stderr


#: Forks a process that leaves the session and blocks forever (its command line, which it
#: keeps, ends with a token), then exits.
LEAVES_A_PROCESS = """
import os, select
read, write = os.pipe()
if os.fork() == 0:
    os.setsid()
    os.write(write, b"x")
    select.select([], [], [])
os.read(read, 1)
"""


def sandboxes() -> list:
    """The ways this machine confines a run: with the run's marker alone, and, where the grader
    can do more, as it does."""
    found = [pytest.param((False, False), id="marker")]
    if platform().namespaces or platform().student_uids:
        found.append(pytest.param((platform().namespaces, platform().student_uids), id="platform"))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the sweep reads /proc")
@pytest.mark.parametrize("how", sandboxes())
def test_a_process_that_left_the_session_is_killed_after_the_run(tmp_path, marker, how):
    # Rule: a confined run ends every process it started, even one that called os.setsid().
    namespaces, own_uid = how
    token = f"kata-left-{uuid.uuid4().hex}"
    with confine.student_uid_lease() if own_uid else confine.no_lease() as uid, open(
        tmp_path / "output", "w+b"
    ) as output:
        sandbox = confine.Sandbox(WORKSPACE.root, (), uid, namespaces, confine.Limits(), None)
        command = [sys.executable, "-c", LEAVES_A_PROCESS, token]
        if uid is not None and not namespaces:  # as student code runs there
            command = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", *command]
        returncode = sandbox.run(command, timeout=DEADLINE, env=dict(os.environ), output=output)
        output.seek(0)
        assert returncode == 0, output.read().decode()
    assert not processes_named(token)


#: Prints which of the folders a sandbox makes private hold the file named by its first
#: argument (the host's), then writes a file named by its second in each.
LOOKS_IN_PRIVATE_FOLDERS = """
import os, sys
folders = ("/tmp", "/var/tmp", "/dev/shm")
print([f for f in folders if os.path.exists(os.path.join(f, sys.argv[1]))])
for folder in folders:
    with open(os.path.join(folder, sys.argv[2]), "w") as file:
        file.write("left")
"""


@pytest.mark.skipif(not platform().namespaces, reason="private folders need namespaces")
def test_a_confined_run_has_private_temporary_folders(tmp_path):
    # Rule: a confined run sees none of the host's files in /tmp, /var/tmp and /dev/shm, and
    # what it writes there is gone after it: one submission cannot leave files for another.
    host, run = f"kata-host-{uuid.uuid4().hex}", f"kata-run-{uuid.uuid4().hex}"
    planted = [Path(folder, host) for folder in confine.PRIVATE]
    lease = confine.student_uid_lease() if platform().student_uids else confine.no_lease()
    try:
        for path in planted:
            path.write_text("the host's")
        with lease as uid, open(tmp_path / "output", "w+b") as output:
            sandbox = confine.Sandbox(WORKSPACE.root, (), uid, True, confine.Limits(), None)
            command = [sys.executable, "-c", LOOKS_IN_PRIVATE_FOLDERS, host, run]
            returncode = sandbox.run(command, timeout=DEADLINE, env=dict(os.environ), output=output)
            output.seek(0)
            printed = output.read().decode()
    finally:
        for path in planted:
            path.unlink()
    assert returncode == 0, printed
    assert printed.strip() == "[]", printed
    assert not [f for f in confine.PRIVATE if (Path(f) / run).exists()]


CHANGES_ITS_FILES = """
import os, sys
from pathlib import Path
from katakit import confine
confine.become_student()
student = Path(sys.argv[1])
changes = [
    lambda: student.write_text("changed"),
    lambda: student.unlink(),
    lambda: student.with_name("other.py").write_text("new"),
    lambda: student.parent.rename(student.parent.with_name("moved")),
]
done = []
for change in changes:
    try:
        change()
        done.append(changes.index(change))
    except OSError:
        pass
print(done, student.read_text())
"""


@pytest.mark.skipif(not platform().student_uids, reason="needs a uid of the student's")
@pytest.mark.parametrize(
    "namespaces",
    [
        pytest.param(True, id="namespaces", marks=pytest.mark.skipif(not platform().namespaces, reason="needs namespaces")),
        pytest.param(False, id="a-uid-alone"),
    ],
)
def test_student_code_reads_its_file_and_cannot_change_it(tmp_path, namespaces):
    # Rule: under the student's uid, code can read the files of its run's kata root but not change,
    # remove, add or move any: replaced by a link, its file would have pytest (root) read the
    # file the link names.
    # A kata root as the grader makes one (pytest's tmp_path lies behind a folder only root opens).
    scratch = tempfile.TemporaryDirectory(prefix="kata-grade-")
    with scratch as folder, confine.student_uid_lease() as uid, open(tmp_path / "output", "w+b") as output:
        root = Path(folder)
        student = root / "04_thread_local" / "local_data.py"
        student.parent.mkdir()
        student.write_text("mine")
        sandbox = confine.Sandbox(WORKSPACE.root, (), uid, namespaces, confine.Limits(), root)
        command = [sys.executable, "-c", CHANGES_ITS_FILES, str(student)]
        returncode = sandbox.run(command, timeout=DEADLINE, env=dict(os.environ), output=output)
        output.seek(0)
        printed = output.read().decode()
    assert returncode == 0, printed
    assert printed.strip() == "[] mine", printed


def test_each_run_draws_a_uid_no_earlier_run_had():
    # Rule: the uids of runs are drawn from a range wide enough that none comes back: what the
    # kernel keeps for a uid beyond a run (its keyring) reaches no later run.
    uids = []
    for _ in range(20):
        with confine.student_uid_lease() as uid:
            uids.append(uid)
    assert len(set(uids)) == len(uids)
    assert len(confine.STUDENT_UIDS) >= 10**8


# --- the commands ---------------------------------------------------------------------------------


def kata(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run `kata ARGS` in `cwd`, with no pytest settings in the environment."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    command = [sys.executable, "-m", "katakit.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, timeout=DEADLINE)


def test_grade_command_writes_gradescope_results_for_the_current_folder(tmp_path):
    # Rule: `kata grade` grades the current folder and --output gets the chosen format.
    submission = build("partial", tmp_path / "submission")
    results = tmp_path / "results" / "results.json"
    options = ("--katas", "03,4", "--format", "gradescope", "--output", str(results))
    graded = kata("grade", *options, cwd=submission)
    assert graded.returncode == 0, graded.stderr
    assert graded.stdout == ""
    data = json.loads(results.read_text())
    assert (data["score"], data["max_score"]) == (10, 20)
    statuses = {k: {t["status"] for t in data["tests"] if t["name"][:2] == k} for k in ("03", "04")}
    assert statuses == {"03": {"passed"}, "04": {"failed"}}
    assert graded.stderr.startswith("Confinement: ")


def test_grade_command_refuses_a_missing_folder(tmp_path):
    # Rule: a submission folder that does not exist is a usage error.
    graded = kata("grade", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert graded.returncode == 2 and "is not a folder" in graded.stderr


def test_grade_all_writes_a_row_per_submission_in_order(tmp_path, marker):
    # Rule: grade-all writes one CSV row per submission, sorted by id, with points and verdicts;
    # a broken submission (no katas folder, a link to the solution) gets its row like the others.
    folder = tmp_path / "class"
    folder.mkdir()
    solved = build("partial", folder / "carol")
    stub_submission(folder / "alice")
    (folder / "bob").mkdir()
    (folder / "bob" / "katas").write_text("not a folder")
    linked = folder / "dave" / "katas" / "03_semaphore" / "pool.py"
    linked.parent.mkdir(parents=True)
    linked.symlink_to(solved / "katas" / "03_semaphore" / "pool.py")
    options = ("--jobs", "2", "--csv", "book.csv", "--json", "grades", "--katas", "03")
    graded = kata("grade-all", str(folder), *options, cwd=tmp_path)
    assert graded.returncode == 0, graded.stderr
    with open(tmp_path / "book.csv", encoding="utf-8") as book:
        rows = list(csv.DictReader(book))
    assert [row["id"] for row in rows] == ["alice", "bob", "carol", "dave"]
    assert [(row["03_semaphore"], row["total"], row["03_semaphore verdict"]) for row in rows] == [
        ("0", "0", "failing"),
        ("0", "0", "missing"),
        ("10", "10", "passed"),
        ("0", "0", "missing"),
    ]
    progress = [line for line in graded.stderr.splitlines() if line.startswith("[")]
    assert [line.split("]")[0] for line in progress] == ["[1/4", "[2/4", "[3/4", "[4/4"]
    assert graded.stderr.splitlines()[-1].startswith("Confinement: ")
    assert any("carol: 10/10" in line for line in progress)
    assert json.loads((tmp_path / "grades" / "carol.json").read_text())["score"] == 10


def test_a_submission_that_breaks_the_grader_does_not_stop_the_others(tmp_path, monkeypatch):
    # Rule: an exception while grading one submission becomes its row of errors; the rest go on.
    for name in ("ann", "ben", "cid"):
        (tmp_path / name).mkdir()

    def collect(submission, katas):
        """Reading ben's files fails; the others have a file for every kata."""
        if submission.name == "ben":
            raise RuntimeError("boom")
        return {kata.folder: b"" for kata in katas}

    def grade_kata(kata, source, setup):
        """Every kata passes, without a run."""
        return grading.KataGrade(kata, "passed", "", (verdict("passed"),), 0.0)

    def setup(katas, submissions, **options):
        """What a grading needs, without a probe or a collection."""
        return grading.Setup(confine.Platform(False, False, False), (), {}, 1.0)

    monkeypatch.setattr(grading, "collect", collect)
    monkeypatch.setattr(grading, "grade_kata", grade_kata)
    monkeypatch.setattr(grading, "setup", setup)
    seen = []
    grades = grading.grade_all(tmp_path, [WORKSPACE.find("03")], 2, lambda _, done, __: seen.append(done))
    assert [g.submission for g in grades] == ["ann", "ben", "cid"]
    assert [verdicts(g)["03"] for g in grades] == ["passed", "error", "passed"]
    assert "boom" in grades[1].katas[0].detail
    assert sorted(seen) == [1, 2, 3]
