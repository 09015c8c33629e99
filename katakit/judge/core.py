"""The judge: runs scenarios and scripts against one student module, never in pytest itself.

`Judge.run(scenario, *args)` starts a disposable child (`katakit.judge.launch`), which imports
the student's module and returns ``scenario(module, *args)``; the test asserts on that value in
the pytest process. `Judge.run_demo` runs the student's file as a script
(`katakit.judge.script`). Whatever goes wrong becomes a `Failed` (`katakit.judge.verdict`) with
its kind and a message a student can act on, which the plugin turns into the test's failure:

- the child passes its deadline: it is asked where its threads are, then killed together with
  every process it started; the test fails as *stuck* and shows each thread's place in the
  student's file;
- the student's code raises (in any thread): the test fails with the exception and its place,
  and a stub's ``NotImplementedError`` points at the TODO;
- the child exits without reporting (``os._exit``, ``sys.exit`` in a child, a crash): the test
  fails and says so;
- the student's code leaves threads or processes running: recorded in `Judge.leftovers`, which
  the plugin turns into a failure once the test's own assertions have passed.
"""

from __future__ import annotations

import ast
import copy
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from katakit.deadlines import (
    BLOCK_FLOOR,
    BUBBLE_BACKSTOP,
    DEFAULT_DEADLINE,
    SCRIPT_DEADLINE,
    SPIN_LIMIT,
    START_LIMIT,
)
from katakit.instruments.bubble import Switching
from katakit.judge import launch, script, texts
from katakit.judge.child import Request, portable
from katakit.judge.render import Renderer
from katakit.judge.verdict import Context, Failed, verdict
from katakit.kinds import Kind


@dataclass
class Target:
    """Which student module a judge runs: its plain name and the folder it is imported from."""

    module_name: str
    module_dir: Path

    @property
    def path(self) -> Path:
        return self.module_dir / f"{self.module_name}.py"


@dataclass
class Judge:
    """Runs scenarios against one student module; one per test (see the plugin's ``judge``)."""

    target: Target
    scale: float = 1.0
    start_method: str = "auto"
    #: Run the code in a bubble (`katakit.instruments.bubble`): virtual time, deadlocks and
    #: spins found at once, the student's steps kept. For thread katas.
    bubble: bool = False
    #: The student's last steps (thread, what, where) in the last run, in a bubble.
    steps: tuple = field(default=(), repr=False)
    #: Whether a scenario run is made once per session and its outcome shared by every test
    #: that makes the same call (a scenario is deterministic: the same call, the same outcome);
    #: off when runs are repeated on purpose (`kata stress`).
    memoize: bool = True
    #: Have the child check, before it reports, what student code replaced of the judge's or the
    #: standard library's code (`katakit.judge.child.Guard`): for a grade of record.
    guard: bool = False
    #: What the code left running in its runs so far, as teaching messages.
    leftovers: list[str] = field(default_factory=list)
    #: Shared by the judges of one session: a module that hangs at import is judged once, and a
    #: memoized scenario run made once.
    session: dict[tuple, object] = field(default_factory=dict, repr=False)

    def deadline(self, seconds: float = DEFAULT_DEADLINE) -> float:
        """`seconds` scaled by the deadline scale setting."""
        return seconds * self.scale

    def bubble_limits(self, seconds: float) -> tuple[float, float] | None:
        """(spin limit in CPU seconds, block limit in real seconds) of a run in a bubble whose
        deadline is `seconds` (scaled), or None without a bubble."""
        if not self.bubble:
            return None
        return SPIN_LIMIT * max(1.0, self.scale), max(BLOCK_FLOOR, seconds)

    def run(
        self,
        scenario: Callable[..., Any],
        *args: Any,
        deadline: float = DEFAULT_DEADLINE,
        stuck: str = "",
        what: str = "",
        hints: dict[str, str] | None = None,
        prepare: Callable[[], Any] | None = None,
        switching: Switching | None = None,
        **kwargs: Any,
    ) -> Any:
        """Return ``scenario(module, *args, **kwargs)`` run in a child, or raise `Failed`.

        `deadline` (seconds, scaled) bounds the whole scenario; `stuck` is the likely cause
        shown when it is passed; `what` names what got stuck (default: the student's code).
        `hints` maps a regular expression to a lesson: when the student's code raises an
        exception whose ``"Type: message"`` matches it, the failure adds that lesson. `prepare`
        (a function of no argument) runs in the child before the student's module is imported.
        `switching`, in a bubble: the threads also switch between the instructions of the
        student's code, or after its releases, as it says
        (`katakit.instruments.bubble.switch_threads`), so that a race where no thread waits
        shows.
        """
        stuck_import = ("stuck-import", str(self.target.path))
        if stuck_import in self.session:
            raise self.session[stuck_import]
        key = None
        if self.memoize:
            call = (portable(scenario), args, sorted(kwargs.items()), deadline, stuck, what)
            call += (self.bubble, sorted((hints or {}).items()))
            call += (None if prepare is None else portable(prepare), switching)
            key = ("run", str(self.target.path), pickle.dumps(call))
        outcome = self.session.get(key) if key else None
        if outcome is None:
            outcome = self._judged(
                scenario, args, kwargs, deadline, stuck, what, hints, prepare, switching
            )
            if key:
                self.session[key] = outcome
        self.steps = outcome.steps
        if isinstance(outcome, Failed):
            if outcome.session_wide:
                self.session[stuck_import] = outcome
            raise outcome
        self.leftovers.extend(outcome.leftovers)
        return copy.deepcopy(outcome.value)

    def _judged(self, scenario, args, kwargs, deadline, stuck, what, hints, prepare, switching):
        """One run of the scenario in a child: its outcome (`Returned` or `Failed`)."""
        seconds = self.deadline(deadline)
        limits = self.bubble_limits(seconds)

        def request(stdout, stderr, scratch: str) -> Request:
            return Request(
                portable(scenario),
                self.target.module_name,
                str(self.target.module_dir),
                stdout,
                stderr,
                args,
                kwargs,
                self.scale,
                None if prepare is None else portable(prepare),
                limits,
                switching=switching,
                environ={**os.environ, "TMPDIR": scratch},
                guard=self.guard,
            )

        # In a bubble the child finds deadlocks, spins and stuck calls itself: the parent's
        # deadline is only a backstop.
        backstop = seconds if limits is None else max(limits[1], BUBBLE_BACKSTOP * max(1.0, self.scale))
        collected = launch.run_child(
            request, self.start_method, backstop, self.deadline(START_LIMIT), self.target.module_name
        )
        context = Context(
            self.target.module_name,
            Renderer(self.target.path),
            backstop,
            self.deadline(START_LIMIT),
            stuck,
            what,
            hints or {},
        )
        return verdict(collected.messages, collected.exitcode, context)

    def check_api(self, *names: str) -> None:
        """Fail unless the student's module defines every one of `names`."""
        missing = self.run(missing_names, names)
        if missing:
            text = texts.API_MISSING.format(file=self.target.path.name, names=missing)
            raise Failed(Kind.ASSERTION, text)

    def has_demo(self) -> bool:
        """Whether the student's file has a top-level ``if __name__ == "__main__":`` block.

        Read as text, never run; a file that does not parse counts as having one, so that its
        script run shows the error.
        """
        try:
            tree = ast.parse(self.target.path.read_text(encoding="utf-8"))
        except SyntaxError:
            return True
        return any(
            isinstance(node, ast.If) and "__main__" in ast.unparse(node.test) for node in tree.body
        )

    def run_script(
        self,
        *args: str,
        start_method: str | None = None,
        deadline: float = SCRIPT_DEADLINE,
        stuck: str = "",
        hints: dict[str, str] | None = None,
    ) -> script.ScriptRun:
        """Run the student's file as a script, as ``python FILE`` would; raise `Failed` unless it
        exits 0 having called the file's own code. `stuck` is the likely cause shown when it is
        stopped at its deadline; `hints` maps a pattern of its stderr to a lesson, which ends
        the run at once."""
        limits = self.bubble_limits(self.deadline(DEFAULT_DEADLINE))
        # In a bubble the script finds deadlocks, spins and stuck calls itself: its deadline is
        # a backstop, never shorter than unscaled (an interpreter must start first).
        seconds = self.deadline(deadline) if limits is None else max(deadline, self.deadline(deadline))
        # Busy past its deadline (interpreters starting on a busy machine), it may run as long
        # as a judge's child may take to start, and no longer: a loop in a process it started
        # that never ends, and that no bubble watches, ends there.
        most = seconds + self.deadline(START_LIMIT)
        run = script.run_script(self.target.path, args, start_method, seconds, hints or {}, limits, most)
        outcome = script.script_verdict(run, Renderer(self.target.path), seconds, stuck, most)
        if isinstance(outcome, Failed):
            raise outcome
        return outcome

    def run_demo(self, **options: Any) -> script.ScriptRun | None:
        """`run_script` with `options`, if the file has a demo (see `has_demo`); else None."""
        return self.run_script(**options) if self.has_demo() else None


def missing_names(module, names: tuple[str, ...]) -> list[str]:
    """A scenario: the names among `names` that the student's module does not define."""
    return [name for name in names if not hasattr(module, name)]
