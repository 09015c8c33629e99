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
import functools
import importlib
import re
import sys
import types
from pathlib import Path
from typing import Iterator, NamedTuple

#: The modules (by top-level name) a kata's file may import: those the katas' solutions, kept
#: files and lessons use, and a few more of the same kind. Any other is flagged (a kata's
#: kata.toml may allow more, as 08 allows ctypes).
ALLOWED_MODULES = frozenset(
    "__future__ threading multiprocessing concurrent queue time os sys typing functools "
    "contextlib itertools dataclasses collections logging types contextvars operator heapq "
    "bisect random math statistics abc enum string textwrap copy weakref datetime json "
    "traceback hashlib array".split()
)
#: Modules a kata's file has no business importing (by top-level name), named in SPELLED too.
MODULES = frozenset(
    "katakit pytest _pytest pluggy xdist ctypes cffi gc importlib site sitecustomize "
    "usercustomize builtins inspect runpy marshal pickle copyreg code codeop sysconfig "
    "subprocess pty socket signal resource fcntl mmap faulthandler tracemalloc io".split()
)
#: Modules of allowed packages that a kata's file has no business importing either: what they
#: hold imports modules and reads attributes by dotted names (``resolve("inspect.stack")``),
#: or loads pickles.
SUBMODULES = frozenset({"logging.config", "multiprocessing.reduction"})


def reach_flag(module: str, written: str) -> str:
    """The flag of a module a kata's file may not import, reached as `written`: "uses
    logging.config", or "reaches inspect as dataclasses.inspect"."""
    return f"uses {module}" if module == written else f"reaches {module} as {written}"


def module_flagged(module: str) -> str:
    """How a flag names a module a kata's file may not import: by its top-level name
    (``imports inspect``), or in full where only a submodule is forbidden (``imports
    logging.config``)."""
    top = module.split(".")[0]
    return top if forbidden_top(top) else module


def forbidden_top(top: str) -> bool:
    """Whether a kata's file may import nothing of the top-level package `top`."""
    return top in MODULES or top not in ALLOWED_MODULES


def forbidden(module: str) -> bool:
    """Whether a kata's file may not import `module` (a dotted name)."""
    within = any(module == sub or module.startswith(f"{sub}.") for sub in SUBMODULES)
    return within or forbidden_top(module.split(".")[0])


#: Modules of MODULES that only serve to look into or run code: an attribute of that name is
#: flagged on anything (``module.inspect``, with the module a parameter), not only on a module.
INTROSPECTION = frozenset(
    "katakit pytest _pytest pluggy xdist ctypes cffi gc importlib builtins inspect runpy marshal "
    "pickle copyreg codeop sysconfig faulthandler tracemalloc".split()
)
#: Built-in functions that run or reach code by name, or open a file (a file descriptor too).
CALLS = frozenset("__import__ exec eval compile globals locals breakpoint open".split())
#: Built-in functions whose second argument names an attribute: flagged when it is not a string
#: written out.
LOOKUPS = frozenset("getattr setattr delattr hasattr".split())
#: Attributes that reach the interpreter's internals, other processes or file descriptors.
ATTRIBUTES = frozenset(
    "modules _getframe settrace setprofile addaudithook __subclasses__ __globals__ __code__ "
    "__builtins__ f_back f_globals f_locals f_code tb_frame gi_frame gi_code cr_frame ag_frame "
    "cell_contents fork forkpty kill killpg setsid setpgid execv execve execvp execvpe execl "
    "execle execlp execlpe spawnv spawnve posix_spawn setuid setgid chmod chown symlink link "
    "Connection Listener Client get_field BaseConfigurator DictConfigurator "
    "dictConfig fileConfig FileHandler get_type_hints ForwardRef walk_stack walk_tb "
    "singledispatch singledispatchmethod make_dataclass new_class update_wrapper "
    "dictConfigClass ForkingPickler "
    "currentframe f_builtins f_trace gettrace getprofile meta_path path_hooks".split()
)
#: Double-underscore names a class body may assign, besides the METHODS an honest file defines
#: (``__enter__ = acquire``); any other such assignment is flagged as a definition
#: (``__reduce__ = lambda self: ...``, ``__class__ = property(...)``).
ASSIGNED_DUNDERS = frozenset({"__all__", "__slots__", "__author__", "__version__", "__doc__"})
#: Functions that look attributes up by the names they are given: flagged unless called at once
#: with public names written out (``attrgetter("argument")``).
GETTERS = frozenset({"attrgetter", "methodcaller"})
#: Built-in functions flagged when used as a value (``look = getattr``, ``reduce(getattr, ...)``,
#: a ``__reduce__`` that returns ``(eval, ...)``): a call of them by name is judged as a call.
AS_VALUES = CALLS | LOOKUPS | {"vars"}
#: The double-underscore methods an honest file defines; any other is flagged (``__reduce__``,
#: which chooses what pickling an object runs, ``__getattr__``, ``__init_subclass__`` ...).
METHODS = frozenset(
    "__init__ __enter__ __exit__ __len__ __getitem__ __setitem__ __contains__ __iter__ __next__ "
    "__repr__ __str__ __eq__ __ne__ __hash__ __lt__ __le__ __gt__ __ge__ __bool__ __call__ "
    "__post_init__ __new__ __del__ __iadd__".split()
)
#: The attributes a format field reaches (``"{0.name}"`` reaches name): flagged when one of them
#: would be (``"{0.cell_contents}"``, ``"{x._target}"``).
FIELD_ATTRIBUTES = re.compile(r"\{\s*\w+((?:\.\w+|\[[^\]]*\])+)")
#: The double-underscore attributes an honest file uses; any other is flagged (``__closure__``,
#: ``__self__``, ``__wrapped__``, ``__mro__`` ...).
DUNDERS = frozenset(
    "__init__ __enter__ __exit__ __getitem__ __setitem__ __name__ __qualname__ __doc__ "
    "__class__ __dict__ __len__ __iter__ __next__ __repr__ __str__ __eq__ __ne__ __hash__ "
    "__call__ __module__ __new__".split()
)
#: The attributes of `os` a kata's file uses; any other is flagged (``os.write``, ``os.dup``,
#: ``os.environ``, ``os._exit`` ...).
OS_ATTRIBUTES = frozenset(
    "getpid getppid cpu_count process_cpu_count sched_getaffinity sep linesep path times".split()
)
#: Names with a leading underscore that an honest file uses: ``sys._is_gil_enabled()`` is how
#: 3.13 documents asking whether the GIL is on (07's demo); a named tuple's documented methods.
PRIVATE_NAMES = frozenset({"_is_gil_enabled", "_make", "_asdict", "_replace", "_fields", "_field_defaults"})
#: Names that reach the interpreter's internals, or text that becomes code: a class body's
#: ``__annotations__`` holds the field names dataclasses writes into the code it generates.
NAMES = frozenset("__builtins__ __loader__ __spec__ __annotations__".split())
#: Words an honest file may well write as strings ("code", a dict's key), though they name a
#: module or an attribute flagged above: a string that is one of them is no flag.
COMMON_WORDS = frozenset("io code resource Client Listener Connection get_field".split())
#: Names whose text alone is flagged too (``getattr(os, "kill")``): all of the above but "fork",
#: which is also the name of a start method, "open", which a gate can be, and COMMON_WORDS.
SPELLED = (MODULES | CALLS | ATTRIBUTES | NAMES) - {"fork", "open"} - COMMON_WORDS
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


#: The flag of a file nested too deeply for screening to read it (no honest file comes close).
TOO_DEEP = "nests too deeply to be read"


def flags(source: bytes, allows: tuple[str, ...] = ()) -> tuple[str, ...]:
    """What `source` does that an honest kata file never does, each once, in order of first
    appearance ("imports katakit", "names /proc", ...); none for a file that does not parse, and
    TOO_DEEP alone for one nested too deeply to read. Importing a module of `allows` (the kata's,
    from its kata.toml) is no flag."""
    try:
        return file_flags(source, allows)
    except RecursionError:  # Python compiles it, but reading it takes more than the stack has
        return (TOO_DEEP,)


def file_flags(source: bytes, allows: tuple[str, ...]) -> tuple[str, ...]:
    """`flags`, which may run out of stack on a deeply nested file."""
    try:
        tree = annotations_as_code(ast.parse(source))
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
    dotted = dotted_names(tree)
    own = Own.of(tree)
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    decorators = decorator_nodes(tree)
    found = [
        flag
        for node in nodes
        for flag in (
            *node_flags(node, imported, called, parents, dotted, own),
            *super_flags(node),
            *made_at_run_time_flags(node, decorators, own),
        )
        if flag not in allowed
    ]
    return tuple(dict.fromkeys(found + rebindings(tree) + computed_annotations(tree)))


class _Strings(ast.NodeTransformer):
    """Each string of an annotation as the expression it holds, where it parses as one."""

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if not isinstance(node.value, str):
            return node
        try:
            parsed = ast.parse(node.value.strip(), mode="eval").body
        except (SyntaxError, ValueError):
            return node
        return ast.copy_location(self.visit(parsed), node)


#: What an annotation that names a type is made of (``int``, ``queue.Queue[int] | None``,
#: ``Callable[[int], str]``, ``"Report"``): anything else computes it.
TYPE_NODES = (ast.Name, ast.Attribute, ast.Subscript, ast.Constant, ast.Tuple, ast.List, ast.Load, ast.BitOr)


def computed_annotations(tree: ast.AST) -> list[str]:
    """A flag for each annotation that computes something (a call, strings joined, ...) rather
    than naming a type: readers of annotations (typing.get_type_hints, which
    functools.singledispatch calls) evaluate it, and the strings it joins may make code."""
    annotations = [getattr(node, field) for node, field in annotation_places(tree)]
    return [
        f"computes an annotation: {ast.unparse(annotation)[:40]}"
        for annotation in annotations
        if not all(
            isinstance(part, TYPE_NODES) or (isinstance(part, ast.BinOp) and isinstance(part.op, ast.BitOr))
            for part in ast.walk(annotation)
        )
    ]


def annotations_as_code(tree: ast.Module) -> ast.Module:
    """`tree` with each string in an annotation read as the code it holds: functools.singledispatch
    (through typing.get_type_hints) and other readers of annotations evaluate it, so that
    ``def f(x: "exec(...)")`` runs code that is only text to screening otherwise."""
    for node, field in annotation_places(tree):
        setattr(node, field, _Strings().visit(getattr(node, field)))
    return ast.fix_missing_locations(tree)


def annotation_places(tree: ast.AST) -> list[tuple[ast.AST, str]]:
    """(node, field) of each annotation in `tree`: of an argument, a return, an annotated name."""
    places = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.arg, ast.AnnAssign)) and node.annotation is not None:
            places.append((node, "annotation"))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
            places.append((node, "returns"))
    return places


def imported_names(tree: ast.AST) -> dict[str, str]:
    """Each name an import binds in the file, with the module it comes from (``import os.path``
    binds ``os``, from ``os``; ``from os import write`` binds ``write``, from ``os``), and each
    name assigned one of them or something reached from one (``t = threading``, ``T =
    threading.Thread``), with the module of that."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                names[alias.asname or alias.name] = node.module
    assignments = [node for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.NamedExpr))]
    for _ in range(len(assignments)):  # an alias of an alias, in any order
        grew = False
        for node in assignments:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            root = root_name(node.value)
            for target in targets:
                if isinstance(target, ast.Name) and root in names and target.id not in names:
                    names[target.id] = names[root]
                    grew = True
        if not grew:
            break
    return names


def dotted_names(tree: ast.AST) -> dict[str, str]:
    """Each name an import binds, with the dotted path of what it binds (``from multiprocessing
    import reduction`` binds ``reduction``, ``multiprocessing.reduction``), and each name assigned
    an attribute chain from one (``r = reduction`` too)."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):  # import a.b binds a; import a.b as x binds x, a.b
            for alias in node.names:
                top = alias.name.split(".")[0]
                names[alias.asname or top] = alias.name if alias.asname else top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    assignments = [node for node in ast.walk(tree) if isinstance(node, ast.Assign)]
    for _ in range(len(assignments)):  # an alias of an alias, in any order
        grew = False
        for node in assignments:
            path = chain(node.value)
            for target in node.targets:
                if path and path[0] in names and isinstance(target, ast.Name) and target.id not in names:
                    names[target.id] = ".".join([names[path[0]], *path[1:]])
                    grew = True
        if not grew:
            break
    return names


def chain(node: ast.AST) -> list[str]:
    """The names of an attribute chain (``["a", "b", "c"]`` for ``a.b.c``); [] for anything else."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return [node.id, *reversed(parts)] if isinstance(node, ast.Name) else []


@functools.lru_cache(maxsize=None)
def resolved(path: tuple[str, ...]) -> object:
    """What the dotted `path` names, from a module a kata may import (importing it, and its
    submodules on the way, here); None when it names nothing, or starts elsewhere."""
    if path[0] not in ALLOWED_MODULES or path[0] in MODULES:
        return None
    try:
        found = importlib.import_module(path[0])
    except Exception:
        return None
    for index, part in enumerate(path[1:], start=2):
        try:
            found = getattr(found, part)
        except AttributeError:
            try:
                found = importlib.import_module(".".join(path[:index]))
            except Exception:
                return None
        except Exception:
            return None
    return found


def reached_module(node: ast.Attribute, dotted: dict[str, str]) -> str | None:
    """The module `node` reaches that a kata's file may not import, through an attribute of one it
    may (``dataclasses.inspect`` is inspect, ``reduction.pickle`` is pickle); else None."""
    path = chain(node)
    if not path or path[0] not in dotted:
        return None
    return forbidden_module(dotted[path[0]].split(".") + path[1:])


def forbidden_module(full: list[str]) -> str | None:
    """The name of the module the dotted path `full` names, if a kata's file may not import it
    and it is not imported by that very name (``os.path`` is); else None."""
    found, name = resolved(tuple(full)), ".".join(full)
    if not isinstance(found, types.ModuleType):
        return None
    if sys.modules.get(name) is found and not forbidden(name):
        return None  # one imported by that very name (os.path)
    return found.__name__ if forbidden(found.__name__) else None


class Own(NamedTuple):
    """What a file defines itself: the private names (one leading underscore) it assigns as
    attributes (``self._count = 0``) or that a class body of its defines, and its classes (those
    whose name nothing but their class statement binds: not a parameter of the same name)."""

    names: frozenset[str]
    classes: frozenset[str]

    @classmethod
    def of(cls, tree: ast.AST) -> Own:
        names, classes = set(), set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.ClassDef):
                classes.add(node.name)
                for statement in node.body:
                    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                        names.add(statement.name)
                    elif isinstance(statement, (ast.Assign, ast.AnnAssign)):
                        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                        names.update(t.id for t in targets if isinstance(t, ast.Name))
        rebound = set().union(*map(bound_names, ast.walk(tree)))
        private = frozenset(n for n in names if n.startswith("_") and not n.startswith("__"))
        return cls(private, frozenset(classes - rebound))


#: The names that stand for an object's own self in its methods; a file may not bind them
#: otherwise (`rebindings`).
SELVES = frozenset({"self", "cls", "super"})


def is_own_object(node: ast.AST, own: Own) -> bool:
    """Whether `node` is the object's own or its class: ``self``, ``cls``, ``super()``,
    ``type(self)``, ``self.__class__``, or a class the file defines."""
    if isinstance(node, ast.Name):
        return node.id in ("self", "cls") or node.id in own.classes
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id == "super":
            return not node.args and not node.keywords
        return node.func.id == "type" and len(node.args) == 1 and is_self(node.args[0])
    return isinstance(node, ast.Attribute) and node.attr == "__class__" and is_self(node.value)


def private_of_another(node: ast.Attribute, own: Own) -> bool:
    """Whether `node` reads a private attribute (one leading underscore) of anything but the
    object's own (`is_own_object`): the private state of someone else's object
    (``current_process()._args``, which held the judge's request). A name the file defines
    itself is its own, unless the judge's code uses it too (`judges_private_names`): defining
    ``self._args`` does not make ``current_process()._args`` the file's."""
    attr = node.attr
    if not attr.startswith("_") or attr.startswith("__") or attr in PRIVATE_NAMES:
        return False
    if attr in own.names and attr not in judges_private_names():
        return False
    return not is_own_object(node.value, own)


def super_flags(node: ast.AST) -> list[str]:
    """``super()`` given another object than ``self`` or ``cls``: what it finds then runs with
    that object as its self."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super":
        if len(node.args) > 1 and not (isinstance(node.args[1], ast.Name) and node.args[1].id in ("self", "cls")):
            return [f"calls super with {ast.unparse(node.args[1])}"]
    return []


#: Metaclasses whose call makes a class from a namespace computed at run time (as a class
#: statement's ``metaclass=`` they are no flag).
METACLASSES = frozenset({"ABCMeta", "EnumMeta", "EnumType"})
#: Types a ``match`` class pattern may match by position (``case int(n)``): each matches the
#: subject itself, reading no attribute.
POSITIONAL_TYPES = frozenset("bool bytearray bytes dict float frozenset int list set str tuple".split())


def made_at_run_time_flags(node: ast.AST, decorators: set[int], own: Own) -> list[str]:
    """What makes a class, or code, from names computed at run time, or reads attributes by them:
    ``wraps`` given names (its ``assigned`` and ``updated``), ``type`` with a namespace not
    written out (`plain_namespace`), ``dataclass`` other than as a decorator (it writes its
    fields' names into code it runs), a call of one of the METACLASSES, a ``match`` class
    pattern by position on anything but a built-in type or a class of the file (it reads the
    attributes the class's ``__match_args__`` names)."""
    if called_name(node) == "wraps" and (len(node.args) > 1 or node.keywords):
        return ["calls wraps with more than the function it wraps"]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "type":
        if len(node.args) == 3 and not plain_namespace(node.args[2]):
            return ["calls type with a namespace not written out"]
        return []
    is_dataclass = (isinstance(node, ast.Name) and node.id == "dataclass") or (
        isinstance(node, ast.Attribute) and node.attr == "dataclass"
    )
    if is_dataclass and id(node) not in decorators:
        return [f"uses {ast.unparse(node)} other than as a decorator"]
    if called_name(node) in METACLASSES:
        return [f"calls {called_name(node)}"]
    if isinstance(node, ast.MatchClass) and node.patterns:
        named = node.cls.id if isinstance(node.cls, ast.Name) else None
        if named not in POSITIONAL_TYPES and named not in own.classes:
            return [f"matches {ast.unparse(node.cls)} by position"]
    return []


def called_name(node: ast.AST) -> str | None:
    """The name `node` calls, if it is a call of a name or an attribute (``wraps`` for
    ``functools.wraps(f)``); else None."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def plain_namespace(node: ast.AST) -> bool:
    """Whether `node`, a namespace given to ``type``, is a dict written out whose keys are public
    names (``{}``: ``type("Never", (Exception,), {})``)."""
    return isinstance(node, ast.Dict) and all(
        isinstance(key, ast.Constant) and isinstance(key.value, str) and not key.value.startswith("_")
        for key in node.keys
    )


def decorator_nodes(tree: ast.AST) -> set[int]:
    """The ids of each decorator of the file, and of the callable of each that is a call
    (``@dataclass``, the ``dataclass`` of ``@dataclass(frozen=True)``)."""
    found = set()
    for node in ast.walk(tree):
        for decorator in getattr(node, "decorator_list", ()):
            found.add(id(decorator))
            if isinstance(decorator, ast.Call):
                found.add(id(decorator.func))
    return found


def parameters(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> set[str]:
    """The names of a function's parameters."""
    arguments = node.args
    taken = {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
    return taken | {a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None}


def top_functions(node: ast.AST) -> Iterator[ast.AST]:
    """The functions and lambdas of the module's own code: in no class and no other function."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            yield child
        elif not isinstance(child, ast.ClassDef):
            yield from top_functions(child)


def bound_names(node: ast.AST) -> set[str]:
    """The names `node` binds, but a class statement's: an assignment's, an import's, a ``def``'s
    name and parameters, a ``global``, a ``match`` capture, an ``except ... as``."""
    if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
        return {node.id}
    if isinstance(node, ast.alias):
        return {node.asname or node.name.split(".")[0]}
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return {node.name} | parameters(node)
    if isinstance(node, ast.Lambda):
        return parameters(node)
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return set(node.names)
    if isinstance(node, (ast.MatchAs, ast.MatchStar, ast.ExceptHandler)):
        return {node.name} - {None}
    if isinstance(node, ast.MatchMapping):
        return {node.rest} - {None}
    return set()


def rebindings(tree: ast.AST) -> list[str]:
    """Where the file makes ``self``, ``cls`` or ``super`` stand for something else, so that what
    looks like an object's own attribute is another's: any binding of one of them (``self =
    current_process()``, ``case self:``, a parameter named ``super``), or ``self`` or ``cls``
    taken by a function of the module's own code (``(lambda self: self._args)(p)``; a method's,
    or a decorator's inner function's, is no flag)."""
    found = []
    for node in ast.walk(tree):
        bound = bound_names(node)
        if isinstance(node, ast.ClassDef):
            bound.add(node.name)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            bound -= parameters(node) - {"super"}
        found += [f"binds {name}" for name in sorted(bound & SELVES)]
    for function in top_functions(tree):
        found += [f"takes {name} outside a method" for name in sorted(parameters(function) & {"self", "cls"})]
    return found


#: A private name in source text: one leading underscore, not part of a longer word.
PRIVATE_WORD = re.compile(rb"\b_[A-Za-z0-9]\w*")


def package_files(folder: Path) -> Iterator[Path]:
    """The Python files of the package in `folder` and of its subpackages (folders with an
    ``__init__.py``: not the kata files katakit ships under ``reference/``)."""
    yield from folder.glob("*.py")
    for sub in folder.iterdir():
        if (sub / "__init__.py").is_file():
            yield from package_files(sub)


@functools.cache
def judges_private_names() -> frozenset[str]:
    """Every private name (one leading underscore) written in the source of the modules the
    judge's child relies on (`katakit.judge.child.GUARDED`, those written in Python), in its
    code, strings or comments alike."""
    from katakit.judge.child import GUARDED

    names: set[bytes] = set()
    for name in GUARDED:
        file = getattr(importlib.import_module(name), "__file__", None) or ""
        if not file.endswith(".py"):
            continue
        origin = Path(file)
        for path in package_files(origin.parent) if origin.name == "__init__.py" else [origin]:
            names.update(PRIVATE_WORD.findall(path.read_bytes()))
    return frozenset(name.decode() for name in names)


def root_name(node: ast.AST) -> str | None:
    """The name an attribute or item chain starts from (``threading`` for
    ``threading.Thread.run``), if it starts from a plain name."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def is_self(node: ast.AST | None) -> bool:
    """Whether `node` is the plain name ``self``: what is looked up on it is the object's own."""
    return isinstance(node, ast.Name) and node.id == "self"


def dict_of(node: ast.AST) -> ast.AST | None:
    """The object whose dict `node` is (``x`` of ``x.__dict__`` or ``vars(x)``)."""
    return node.value if isinstance(node, ast.Attribute) else (node.args[0] if node.args else None)


def dict_key(node: ast.AST, parents: dict[int, ast.AST]) -> ast.AST | None:
    """The key `node` (an object's ``__dict__`` or ``vars()``) is read or written at, where it is
    subscripted or its ``get`` called at once (``store.__dict__["index"]``); else None."""
    parent = parents.get(id(node))
    if isinstance(parent, ast.Subscript) and parent.value is node:
        return parent.slice
    if isinstance(parent, ast.Attribute) and parent.value is node and parent.attr == "get":
        call = parents.get(id(parent))
        return call.args[0] if isinstance(call, ast.Call) and call.args else None
    return None


def keyed_by_constant(node: ast.AST, parents: dict[int, ast.AST]) -> bool:
    """Whether `node` (an object's ``__dict__`` or ``vars()``) is the object's own (``self``'s),
    or only read or written by a key written out, as a threading.local's own dict is:
    ``store.__dict__["index"]``, ``vars(store).get("index")``."""
    return is_self(dict_of(node)) or isinstance(dict_key(node, parents), ast.Constant)


def looked_up(call: ast.Call) -> ast.Attribute | None:
    """The attribute a call of getattr, setattr, delattr or hasattr names by a string written out,
    as an attribute node (``getattr(p, "_args")``: ``p._args``); None for any other call."""
    func, args = call.func, call.args
    if not (isinstance(func, ast.Name) and func.id in LOOKUPS and len(args) > 1):
        return None
    name = args[1]
    if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
        return None
    return ast.Attribute(args[0], name.value, ast.Load())


def keyed_read(node: ast.AST, parents: dict[int, ast.AST]) -> ast.Attribute | None:
    """The attribute an object's ``__dict__`` or ``vars()`` is read at by a key written out, as an
    attribute node (``vars(p)["_args"]``: ``p._args``); None otherwise."""
    of, key = dict_of(node), dict_key(node, parents)
    if of is None or not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
        return None
    return ast.Attribute(of, key.value, ast.Load())


def node_flags(
    node: ast.AST,
    imported: dict[str, str],
    called: set[int],
    parents: dict[int, ast.AST],
    dotted: dict[str, str],
    own: Own,
) -> list[str]:
    """The flags of one node of a file's syntax tree; `imported` as `imported_names` gives,
    `called` the ids of the names called directly, `parents` each node's parent by id, `dotted`
    as `dotted_names` gives and `own` what the file defines itself (`Own.of`)."""
    if isinstance(node, ast.Import):
        return [f"imports {module_flagged(alias.name)}" for alias in node.names if forbidden(alias.name)]
    if isinstance(node, ast.ImportFrom) and not node.level and node.module:
        if forbidden(node.module):
            return [f"imports {module_flagged(node.module)}"]
        if node.module == "os":
            return [f"uses os.{a.name}" for a in node.names if a.name not in OS_ATTRIBUTES]
        if node.module == "string" and any(a.name == "Formatter" for a in node.names):
            return ["imports Formatter"]
        if any(a.name == "*" for a in node.names):  # binds names no check here sees
            return [f"imports * from {node.module}"]
        return [flag for alias in node.names for flag in imported_name_flags(node.module, alias)]
    getter = getter_name(node)
    if getter is not None:  # a call of it is judged as a call, below
        return [] if id(node) in called else [f"uses {getter} as a value"]
    if isinstance(node, ast.Call) and getter_name(node.func) is not None:
        return getter_flags(node, getter_name(node.func))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        found = call_flags(node, imported)
        if not found and node.func.id == "vars" and not keyed_by_constant(node, parents):
            return ["calls vars"]
        read = looked_up(node) or (keyed_read(node, parents) if node.func.id == "vars" else None)
        if not found and read is not None:  # judged as the attribute it reads
            found += node_flags(read, imported, called, parents, dotted, own)
        return found
    if isinstance(node, ast.Attribute):
        if node.attr == "__dict__" and not keyed_by_constant(node, parents):
            return [f"uses {ast.unparse(node)}"]
        read = keyed_read(node, parents) if node.attr == "__dict__" else None
        if read is not None and (found := node_flags(read, imported, called, parents, dotted, own)):
            return found  # judged as the attribute it reads
        found = attribute_flags(node, imported)
        module = reached_module(node, dotted)
        if module is not None:
            found.append(reach_flag(module, ast.unparse(node)))
        if not found and private_of_another(node, own):
            found.append(f"uses {ast.unparse(node)}")
        return found
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
        targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
        return [
            f"changes {ast.unparse(target)}"
            for target in targets
            if not isinstance(target, ast.Name) and root_name(target) in imported
        ] + [
            f"defines {target.id}"
            for target in targets
            if isinstance(target, ast.Name)
            and target.id.startswith("__")
            and target.id.endswith("__")
            and target.id not in ASSIGNED_DUNDERS | METHODS
        ]
    if isinstance(node, ast.MatchClass):  # case C(attr=...) reads C's attr, by its bare name
        found = []
        for attr in node.kwd_attrs:
            read = ast.Attribute(node.cls, attr, ast.Load())
            found += attribute_flags(read, imported)
            if private_of_another(read, own) or (attr == "__dict__"):
                found.append(f"uses {ast.unparse(read)}")
        return found
    if isinstance(node, ast.Name) and node.id in NAMES:
        return [f"uses {node.id}"]
    if isinstance(node, ast.Name) and node.id in AS_VALUES and id(node) not in called:
        return [f"uses {node.id} as a value"]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        dunder = node.name.startswith("__") and node.name.endswith("__")
        return [f"defines {node.name}"] if dunder and node.name not in METHODS else []
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        text = node.value.decode(errors="replace") if isinstance(node.value, bytes) else node.value
        named = [f"names {t}" for t in TEXTS if t in text]
        if text in SPELLED:
            named.append(f"names {text!r}")
        if "__" in text.replace("__main__", ""):
            named.append(f"names {text[:40]!r}")
        if any(map(reached_badly, FIELD_ATTRIBUTES.finditer(text))):
            named.append("reaches an attribute in a format field")
        return named
    return []


def imported_name_flags(module: str, alias: ast.alias) -> list[str]:
    """The flags of one name a ``from`` import of a module a kata may import binds: a flagged
    attribute, a private name (``from sys import _current_frames``), a module it may not import
    (``from dataclasses import inspect``), or a getter under another name (``from operator
    import attrgetter as fetch``)."""
    name, full = alias.name, f"{module}.{alias.name}"
    if name in ATTRIBUTES:
        return [f"imports {name}"]
    if name.startswith("_") and not name.startswith("__") and name not in PRIVATE_NAMES:
        return [f"uses {full}"]
    if name in GETTERS and alias.asname not in (None, name):
        return [f"imports {name} as {alias.asname}"]
    reached = forbidden_module(full.split("."))
    return [reach_flag(reached, full)] if reached else []


def call_flags(node: ast.Call, imported: dict[str, str]) -> list[str]:
    """The flags of a call of a plain name: a built-in that runs code or opens a file, an
    attribute looked up by a computed name, one set on an imported module, a module's vars()."""
    name = node.func.id
    if name in CALLS:
        return [f"calls {name}"]
    first = root_name(node.args[0]) if node.args else None
    if name in LOOKUPS:
        read = looked_up(node)
        if read is None:  # self too: a method's self can be any object (C.method(other, name))
            return [f"calls {name} with a computed name"]
        if name in ("setattr", "delattr") and first in imported:
            return [f"changes {ast.unparse(read)}"]
        return attribute_flags(read, imported)
    if name in ("vars", "dir") and first in imported:
        return [f"calls {name} of {ast.unparse(node.args[0])}"]
    return []


def attribute_flags(node: ast.Attribute, imported: dict[str, str]) -> list[str]:
    """The flags of an attribute: one of the interpreter's internals, a double-underscore one an
    honest file never uses, a private name of an imported module or class, an attribute of `os`
    that no kata needs."""
    owner = f"{node.value.id}." if isinstance(node.value, ast.Name) else "."
    attr = node.attr
    if attr in ATTRIBUTES or attr in INTROSPECTION or (attr.startswith("__") and attr.endswith("__") and attr not in DUNDERS):
        return [f"uses {owner}{attr}"]
    root = root_name(node)
    private = attr.startswith("_") and not attr.startswith("__") and attr not in PRIVATE_NAMES
    if root in imported and (attr == "__dict__" or private):
        return [f"uses {owner}{attr}"]
    if attr == "Formatter" and isinstance(node.value, ast.Name) and imported.get(node.value.id) == "string":
        return [f"uses {owner}{attr}"]
    if isinstance(node.value, ast.Name) and imported.get(node.value.id) == "os":
        return [] if attr in OS_ATTRIBUTES else [f"uses {owner}{attr}"]
    return []


def getter_name(node: ast.AST) -> str | None:
    """"attrgetter" or "methodcaller" when `node` names one (``operator.attrgetter``, or the name
    imported), else None."""
    if isinstance(node, ast.Attribute) and node.attr in GETTERS:
        return node.attr
    if isinstance(node, ast.Name) and node.id in GETTERS:
        return node.id
    return None


def public_name(name: str) -> bool:
    """Whether an attribute name a getter is given is one an honest file may look up: public,
    and neither one of the interpreter's internals nor a module's name (``f_back``,
    ``inspect``)."""
    return name.isidentifier() and not name.startswith("_") and name not in ATTRIBUTES | INTROSPECTION


def getter_flags(call: ast.Call, getter: str) -> list[str]:
    """The flags of a call of `getter` ("attrgetter" or "methodcaller"): none when each name it
    looks up is written out and public (`public_name`, each part of a dotted one)."""
    names = call.args[:1] if getter == "methodcaller" else call.args
    written = [a.value for a in names if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if not names or len(written) < len(names) or any(isinstance(a, ast.Starred) for a in call.args):
        return [f"calls {getter} with a name not written out"]
    if all(public_name(part) for name in written for part in name.split(".")):
        return []
    return [f"calls {getter} with {', '.join(map(repr, written))}"]


def reached_badly(field: re.Match) -> bool:
    """Whether a format field (a match of FIELD_ATTRIBUTES) reaches an attribute that is private,
    double-underscore or flagged."""
    names = re.findall(r"\.(\w+)", field.group(1))
    return any(name.startswith("_") or name in ATTRIBUTES for name in names)
