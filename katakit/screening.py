"""Screening a student file before it runs: what an honest solution never does.

A kata's file needs `threading`, `multiprocessing` and a little of `os`, `queue` or `time`.
Code written against the grader reaches for other things: the grader's own package, pytest,
the interpreter's internals, code run from text, the processes around it, the reference folders
or ``/proc``. The student's code runs in the very process that runs the judge's scenario and
reports to it, so no confinement can keep it from what that process holds: the judge's report
channel, its recorders, the standard library's classes the instruments replaced. Reaching them
takes what an honest file never does, and that is what is flagged: a module outside those a
kata's file uses, an attribute looked up by a computed name, an attribute of the interpreter's
internals (``__closure__``, frames), a private name of a module (``threading._os``), a change
to a module's attributes (``threading.excepthook = ...``), a file descriptor used directly.

`flags` reads the file (it never runs it) and names each such thing it finds; the grader grades
a flagged kata as usual and marks it "flagged: ..." in every format, and ``--withhold-flagged``
gives it 0 until the instructor has looked. None of the katas' reference solutions, kept correct
or kept wrong solutions is flagged (the repo's tests check it).
"""

from __future__ import annotations

import ast

#: The modules (by top-level name) a kata's file may import: those the katas' solutions, kept
#: files and lessons use, and a few more of the same kind. Any other is flagged (a kata's
#: kata.toml may allow more, as 08 allows ctypes).
ALLOWED_MODULES = frozenset(
    "__future__ threading multiprocessing concurrent queue time os sys typing functools "
    "contextlib itertools dataclasses collections logging types contextvars operator heapq "
    "bisect random math statistics abc enum string textwrap copy weakref datetime".split()
)
#: Modules a kata's file has no business importing (by top-level name), named in SPELLED too.
MODULES = frozenset(
    "katakit pytest _pytest pluggy xdist ctypes cffi gc importlib site sitecustomize "
    "usercustomize builtins inspect runpy marshal pickle copyreg code codeop sysconfig "
    "subprocess pty socket signal resource fcntl mmap faulthandler tracemalloc io".split()
)
#: Built-in functions that run or reach code by name, or open a file (a file descriptor too).
CALLS = frozenset("__import__ exec eval compile globals breakpoint open".split())
#: Built-in functions whose second argument names an attribute: flagged when it is not a string
#: written out.
LOOKUPS = frozenset("getattr setattr delattr hasattr".split())
#: Attributes that reach the interpreter's internals, other processes or file descriptors.
ATTRIBUTES = frozenset(
    "modules _getframe settrace setprofile addaudithook __subclasses__ __globals__ __code__ "
    "__builtins__ f_back f_globals f_locals f_code tb_frame gi_frame gi_code cr_frame ag_frame "
    "cell_contents fork forkpty kill killpg setsid setpgid execv execve execvp execvpe execl "
    "execle execlp execlpe spawnv spawnve posix_spawn setuid setgid chmod chown symlink link "
    "Connection Listener Client".split()
)
#: The double-underscore attributes an honest file uses; any other is flagged (``__closure__``,
#: ``__self__``, ``__wrapped__``, ``__mro__`` ...).
DUNDERS = frozenset(
    "__init__ __enter__ __exit__ __getitem__ __setitem__ __name__ __qualname__ __doc__ "
    "__class__ __dict__ __len__ __iter__ __next__ __repr__ __str__ __eq__ __hash__ __call__ "
    "__module__".split()
)
#: The attributes of `os` a kata's file uses; any other is flagged (``os.write``, ``os.dup``,
#: ``os.environ``, ``os._exit`` ...).
OS_ATTRIBUTES = frozenset(
    "getpid getppid cpu_count process_cpu_count sched_getaffinity sep linesep".split()
)
#: Private names of a module that an honest file uses: ``sys._is_gil_enabled()`` is how 3.13
#: documents asking whether the GIL is on (07's demo).
PRIVATE_NAMES = frozenset({"_is_gil_enabled"})
#: Names that reach the interpreter's internals.
NAMES = frozenset("__builtins__ __loader__ __spec__".split())
#: Names whose text alone is flagged too (``getattr(os, "kill")``): all of the above but "fork",
#: which is also the name of a start method, and "open", which a gate can be.
SPELLED = (MODULES | CALLS | ATTRIBUTES | NAMES) - {"fork", "open"}
#: Text that names the grader's world: its files, other processes, the reference folders.
TEXTS = (
    "/proc",
    ".meta",
    "solutions",
    "katakit",
    "site-packages",
    "dist-packages",
    ".pth",
    "autograder",
    "results.json",
    "kata-results",
    "kata-grade",
    "PYTEST_",
    "/dev/fd",
    "/dev/shm",
)


def flags(source: bytes, allows: tuple[str, ...] = ()) -> tuple[str, ...]:
    """What `source` does that an honest kata file never does, each once, in order of first
    appearance ("imports katakit", "names /proc", ...); none for a file that does not parse.
    Importing a module of `allows` (the kata's, from its kata.toml) is no flag."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return ()
    # A string that is a statement of its own does nothing (a docstring): its words are not read.
    inert = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    nodes = sorted(
        (node for node in ast.walk(tree) if id(node) not in inert),
        key=lambda node: (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)),
    )
    allowed = {f"imports {name}" for name in allows}
    imported = imported_names(tree)
    found = (
        flag for node in nodes for flag in node_flags(node, imported) if flag not in allowed
    )
    return tuple(dict.fromkeys(found))


def imported_names(tree: ast.AST) -> dict[str, str]:
    """Each name an import binds in the file, with the module it comes from (``import os.path``
    binds ``os``, from ``os``; ``from os import write`` binds ``write``, from ``os``)."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                names[alias.asname or alias.name] = node.module
    return names


def root_name(node: ast.AST) -> str | None:
    """The name an attribute or item chain starts from (``threading`` for
    ``threading.Thread.run``), if it starts from a plain name."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def node_flags(node: ast.AST, imported: dict[str, str]) -> list[str]:
    """The flags of one node of a file's syntax tree; `imported` as `imported_names` gives."""
    if isinstance(node, ast.Import):
        tops = (alias.name.split(".")[0] for alias in node.names)
        return [f"imports {top}" for top in tops if top in MODULES or top not in ALLOWED_MODULES]
    if isinstance(node, ast.ImportFrom) and not node.level and node.module:
        top = node.module.split(".")[0]
        if top in MODULES or top not in ALLOWED_MODULES:
            return [f"imports {top}"]
        if top == "os":
            return [f"uses os.{a.name}" for a in node.names if a.name not in OS_ATTRIBUTES]
        return [f"imports {a.name}" for a in node.names if a.name in ATTRIBUTES]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return call_flags(node, imported)
    if isinstance(node, ast.Attribute):
        return attribute_flags(node, imported)
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
        targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
        return [
            f"changes {ast.unparse(target)}"
            for target in targets
            if not isinstance(target, ast.Name) and root_name(target) in imported
        ]
    if isinstance(node, ast.Name) and node.id in NAMES:
        return [f"uses {node.id}"]
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        text = node.value.decode(errors="replace") if isinstance(node.value, bytes) else node.value
        named = [f"names {t}" for t in TEXTS if t in text]
        if text in SPELLED:
            named.append(f"names {text!r}")
        return named
    return []


def call_flags(node: ast.Call, imported: dict[str, str]) -> list[str]:
    """The flags of a call of a plain name: a built-in that runs code or opens a file, an
    attribute looked up by a computed name, one set on an imported module, a module's vars()."""
    name = node.func.id
    if name in CALLS:
        return [f"calls {name}"]
    first = root_name(node.args[0]) if node.args else None
    if name in LOOKUPS:
        named = len(node.args) > 1 and isinstance(node.args[1], ast.Constant)
        if not named:
            return [f"calls {name} with a computed name"]
        looked_up = ast.Attribute(node.args[0], str(node.args[1].value), ast.Load())
        if name in ("setattr", "delattr") and first in imported:
            return [f"changes {ast.unparse(looked_up)}"]
        return attribute_flags(looked_up, imported)
    if name in ("vars", "dir") and first in imported:
        return [f"calls {name} of {ast.unparse(node.args[0])}"]
    return []


def attribute_flags(node: ast.Attribute, imported: dict[str, str]) -> list[str]:
    """The flags of an attribute: one of the interpreter's internals, a double-underscore one an
    honest file never uses, a private name of an imported module or class, an attribute of `os`
    that no kata needs."""
    owner = f"{node.value.id}." if isinstance(node.value, ast.Name) else "."
    attr = node.attr
    if attr in ATTRIBUTES or (attr.startswith("__") and attr.endswith("__") and attr not in DUNDERS):
        return [f"uses {owner}{attr}"]
    root = root_name(node)
    private = attr.startswith("_") and not attr.startswith("__") and attr not in PRIVATE_NAMES
    if root in imported and (attr == "__dict__" or private):
        return [f"uses {owner}{attr}"]
    if isinstance(node.value, ast.Name) and imported.get(node.value.id) == "os":
        return [] if attr in OS_ATTRIBUTES else [f"uses {owner}{attr}"]
    return []
