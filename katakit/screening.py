"""Screening a student file before it runs: what an honest solution never does.

A kata's file needs `threading`, `multiprocessing` and a little of `os`, `queue` or `time`.
Code written against the grader reaches for other things: the grader's own package, pytest,
the interpreter's internals, code run from text, the processes around it, the reference folders
or ``/proc``. `flags` reads the file (it never runs it) and names each such thing it finds; the
grader grades a flagged kata as usual and marks it "flagged: ..." in every format, and
``--withhold-flagged`` gives it 0 until the instructor has looked. None of the katas' reference
solutions, kept correct or kept wrong solutions is flagged (the repo's tests check it).
"""

from __future__ import annotations

import ast

#: Modules a kata's file has no business importing (by top-level name).
MODULES = frozenset(
    "katakit pytest _pytest pluggy xdist ctypes cffi gc importlib site sitecustomize "
    "usercustomize builtins inspect runpy marshal pickle copyreg code codeop sysconfig "
    "subprocess pty socket signal resource fcntl mmap faulthandler tracemalloc".split()
)
#: Built-in functions that run or reach code by name.
CALLS = frozenset("__import__ exec eval compile globals breakpoint".split())
#: Attributes that reach the interpreter's internals or other processes.
ATTRIBUTES = frozenset(
    "modules _getframe settrace setprofile addaudithook __subclasses__ __globals__ __code__ "
    "__builtins__ f_back f_globals f_locals tb_frame gi_frame "
    "fork forkpty kill killpg setsid setpgid execv execve execvp execvpe execl execle execlp "
    "execlpe spawnv spawnve posix_spawn setuid setgid chmod chown symlink link".split()
)
#: Names that reach the interpreter's internals.
NAMES = frozenset("__builtins__ __loader__ __spec__".split())
#: Names whose text alone is flagged too (``getattr(os, "kill")``): all of the above but "fork",
#: which is also the name of a start method.
SPELLED = (MODULES | CALLS | ATTRIBUTES | NAMES) - {"fork"}
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
    found = (flag for node in nodes for flag in node_flags(node) if flag not in allowed)
    return tuple(dict.fromkeys(found))


def node_flags(node: ast.AST) -> list[str]:
    """The flags of one node of a file's syntax tree."""
    if isinstance(node, ast.Import):
        tops = (alias.name.split(".")[0] for alias in node.names)
        return [f"imports {top}" for top in tops if top in MODULES]
    if isinstance(node, ast.ImportFrom) and not node.level and node.module:
        top = node.module.split(".")[0]
        return [f"imports {top}"] if top in MODULES else []
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CALLS:
        return [f"calls {node.func.id}"]
    if isinstance(node, ast.Attribute) and node.attr in ATTRIBUTES:
        owner = f"{node.value.id}." if isinstance(node.value, ast.Name) else "."
        return [f"uses {owner}{node.attr}"]
    if isinstance(node, ast.Name) and node.id in NAMES:
        return [f"uses {node.id}"]
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        text = node.value.decode(errors="replace") if isinstance(node.value, bytes) else node.value
        named = [f"names {t}" for t in TEXTS if t in text]
        if text in SPELLED:
            named.append(f"names {text!r}")
        return named
    return []
