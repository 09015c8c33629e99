"""What a kata's test file (its rules) takes from the kata's hidden folder, and the checks that
more than one kata's rules share.

``S = rules.scenarios(__file__)`` gives the kata's scenarios (``.meta/scenarios.py``): the
functions `judge.run` runs against the student's module in the judge's child.
``M = rules.messages(__file__)`` gives its teaching messages (``.meta/messages.toml``), by name:
``M.NOT_JOINED.format(names=...)``.
"""

from __future__ import annotations

import functools
import re
import types
from pathlib import Path

import pytest

from katakit import catalog, i18n
from katakit.i18n import Text
from katakit.instruments.bubble import Switching
from katakit.judge.child import load_file

#: A pattern of `Judge.run`'s hints that every exception matches but a stub's
#: NotImplementedError (which points at the TODO): for a lesson on what the student wrote.
NOT_A_STUB = r"^(?!NotImplementedError)"

#: The ways a rule runs the student's threads switching between the instructions of their code
#: (`Judge.run(..., switching=...)`): in step, staggered by one instruction, as a coin of each
#: seed says, and right after each lock the student's code lets go. Of 24 held-out race files
#: (katas 03, 04, 05, 09, 10 and 11), 21 failed under at least one of them on 3.10, 3.11, 3.12
#: and 3.13 alike, and no one way caught all 21: a value returned after its lock was let go
#: (kata 05) failed only after releases, a dict made lazily (kata 04) only staggered.
SWITCHINGS = [
    pytest.param(s, id=str(s))
    for s in (
        Switching(),
        Switching(stagger=1),
        Switching(seed=1),
        Switching(seed=2),
        Switching(after_releases=True),
    )
]


class Messages:
    """A kata's teaching messages, read as attributes: ``M.NAME`` is the template NAME in the
    current language (a `katakit.i18n.Text`)."""

    def __init__(self, source: Path) -> None:
        self._source = source
        i18n.KATA_CATALOGUES.add(source.resolve())

    def __getattr__(self, name: str) -> Text:
        try:
            return i18n.given(self._source, name)
        except KeyError:
            raise AttributeError(f"{self._source} has no message {name}") from None


def messages(test_file: str) -> Messages:
    """The teaching messages of the kata whose test file is `test_file` (pass ``__file__``)."""
    return Messages(catalog.read(Path(test_file).resolve().parent).messages_file)


def scenarios(test_file: str) -> types.ModuleType:
    """The scenarios of the kata whose test file is `test_file` (pass ``__file__``): its
    ``.meta/scenarios.py``, loaded once per process (the judge's children load it from there
    too, whatever started them)."""
    kata = catalog.read(Path(test_file).resolve().parent)
    return load_file(f"kata_{kata.folder}_scenarios", kata.scenarios)


# --- shared by katas: fragments joined, and the checks of katas 01 and 02 -----------------------

def joined(template: Text, items: list) -> object:
    """`items` joined two by two with `template` (placeholders ``{first}`` and ``{second}``), so
    that the whole gives itself in every language: "fork and spawn"; "" for no item."""
    if not items:
        return ""
    return functools.reduce(lambda first, then: template.format(first=first, second=then), items)


def not_joined(messages, events: list, names: list) -> object:
    """Why a process kata's main did not join `names` (its recorded `events` say): the kata's
    JOIN_TIMED_OUT when a join(timeout) of each returned while it still ran, else NOT_JOINED."""
    timed_out = {name: timeout for event, name, timeout in events if event == "join-timed-out"}
    if names and all(name in timed_out for name in names):
        return messages.JOIN_TIMED_OUT.format(names=names, timeout=timed_out[names[0]])
    return messages.NOT_JOINED.format(names=names)


def check_reports(messages, seen: dict, n: int) -> None:
    """Assert the rules every list of reports returned by a kata 01/02 `main(n)` follows.

    `seen` is what `processes.main_outcome` gives: the reports as `report_fields` pairs, and the
    pids they are checked against; `messages` is the kata's messages.
    """
    reports = seen["reports"]
    assert len(reports) == n, messages.MAIN_COUNT.format(n=n, count=len(reports))
    fields = check_made_in_children(messages, seen)
    arguments = [argument for _, argument, _, _ in fields]
    assert arguments == list(range(n)), messages.MAIN_ORDER.format(
        got=arguments, expected=list(range(n))
    )
    names = [name for name, _, _, _ in fields]
    expected = [f"process {i}" for i in range(n)]
    assert names == expected, messages.MAIN_NAMES.format(got=names, expected=expected)
    pids = [pid for _, _, _, pid in fields]
    assert len(set(pids)) == n, messages.PIDS_NOT_DISTINCT.format(pids=pids, n=n)
    check_parent(messages, seen, fields)


def check_made_in_children(messages, seen: dict) -> list[tuple]:
    """Assert the reports `seen` holds (see `check_reports`) are Reports, made in children (sent
    by one, where `seen` knows who sent each: "sent_by" and "children"), with pid and ppid the
    right way round; return their fields."""
    others = [value for kind, value in seen["reports"] if kind != "report"]
    assert not others, messages.NOT_A_REPORT.format(value=others[0])
    fields = [value for _, value in seen["reports"]]
    # A pid that is the children's parent's: the report was made in the caller (then its ppid
    # is the caller's parent), or its pid and ppid are the wrong way round.
    swapped = [
        (ppid, pid) for _, _, ppid, pid in fields
        if pid == seen["ppid"] and ppid != seen["caller_parent"]
    ]
    assert not swapped, messages.PIDS_SWAPPED.format(ppid=swapped[0][0], pid=swapped[0][1])
    in_caller = [pid for _, _, _, pid in fields].count(seen["caller"])
    assert not in_caller, messages.RAN_IN_CALLER.format(count=in_caller, pid=seen["caller"])
    unsent = [
        value for value, by in zip(fields, seen.get("sent_by", []))
        if by not in seen["children"]
    ]
    assert not unsent, messages.REPORT_NOT_SENT.format(report=f"Report{tuple(unsent[0])}")
    return fields


def check_parent(messages, seen: dict, fields: list[tuple]) -> None:
    """Assert every report (its `fields`) names the parent the children main started have."""
    ppids = [ppid for _, _, ppid, _ in fields]
    assert set(ppids) == {seen["ppid"]}, messages.PPIDS_DIFFER.format(
        ppids=ppids, expected=seen["ppid"]
    )


#: The two lines kata 02's demo prints per worker, as in the original example (its contract).
REPORT_LINES = re.compile(r"name : (.*), argument : (.*)\nparent pid : (\d+), pid : (\d+)")


def check_report_lines(messages, run, n: int = 5) -> None:
    """Assert kata 02's demo printed both lines for workers 0..n-1, from distinct children.

    `run` is the script's `katakit.judge.ScriptRun`; the workers' parent is the script itself.
    """
    printed = REPORT_LINES.findall(run.stdout)
    # Each worker printing the script's pid as its own, and a ppid of its own: the two swapped.
    ppids = {int(p[2]) for p in printed}
    swapped = {int(p[3]) for p in printed} == {run.pid} and len(ppids) == n
    assert not swapped, messages.PIDS_SWAPPED.format(pid=run.pid, ppid=min(ppids))
    for i in range(n):
        found = [p for p in printed if p[:2] == (f"process {i}", str(i))]
        lines = f"name : process {i}, argument : {i}\nparent pid : {run.pid}, pid : <pid>"
        assert len(found) == 1, messages.SCRIPT_LINES.format(got=run.stdout, i=i, expected=lines)
        ppid = int(found[0][2])
        assert ppid == run.pid, messages.WRONG_PPID.format(got=ppid, expected=run.pid)
    pids = [p[3] for p in printed]
    assert len(set(pids)) == n, messages.PIDS_NOT_DISTINCT.format(pids=pids, n=n)

