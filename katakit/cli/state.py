"""Progress state of the `kata` command, kept in one ignored file of the workspace:
``.kata/state.json``.

The file holds each kata's latest verdicts, each with the time it was reached, keyed by a
fingerprint of everything that decides them (the student's file, the kata's test files, the
judging code and the Python version), so a kata runs again only when one of those changed or the
student asks (`kata check --again`); and the hint levels each kata has shown.
Nothing here ever writes into the student's files.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from katakit import i18n, runner
from katakit.catalog import Kata, Workspace
from katakit.runner import KataRun, TestVerdict

#: How many verdicts are saved per kata (for as many versions of the student's file).
KEPT = 5

#: The state of a kata whose file is still the pristine stub (nothing is run for it).
NOT_STARTED = "not started"


# --- the file -----------------------------------------------------------------------------------


def state_file(workspace: Workspace) -> Path:
    return workspace.state_dir / "state.json"


def backups(kata: Kata) -> Path:
    """Where `kata reset` keeps the student's versions of `kata`'s file."""
    return kata.workspace.state_dir / "backups" / kata.folder


def load(workspace: Workspace) -> dict:
    """The saved state; an absent or unreadable file is an empty state."""
    try:
        data = json.loads(state_file(workspace).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def update(workspace: Workspace, change: Callable[[dict], None]) -> None:
    """Apply `change` to the state read afresh and save it in one atomic replace."""
    data = load(workspace)
    change(data)
    path = state_file(workspace)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"state.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.replace(temporary, path)


# --- fingerprints -------------------------------------------------------------------------------


def content(path: Path) -> bytes | None:
    """The bytes of `path`, or None when there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


#: The judging code a verdict depends on too: katakit's own modules, but for the command's and
#: the installed katas (a kata's own files are judged files already).
JUDGING_CODE = Path(__file__).resolve().parent.parent
NOT_JUDGING = ("cli", "reference")


def judged_files(kata: Kata) -> list[Path]:
    """The files a verdict depends on: the student's file, the kata's rules, scenarios and
    messages (in every language, the rules' translations too), and the judging code and its
    messages."""
    judging = sorted(
        path
        for pattern in ("*.py", "*.toml")
        for path in JUDGING_CODE.rglob(pattern)
        if path.relative_to(JUDGING_CODE).parts[0] not in NOT_JUDGING
    )
    catalogues = (kata.messages_file, kata.rules_file)
    messages = [i18n.file_for(base, lang) for base in catalogues for lang in i18n.LANGUAGES]
    return [kata.student_file(), *kata.test_files, kata.scenarios, *messages, *judging]


def fingerprint(kata: Kata) -> str:
    """A hash of the judged files' content and the Python version."""
    digest = hashlib.sha256(f"{platform.python_version()}\0".encode())
    for path in judged_files(kata):
        data = content(path)
        size = -1 if data is None else len(data)
        digest.update(f"{path.name}\0{size}\0".encode())
        digest.update(data or b"")
    return digest.hexdigest()


def is_pristine(kata: Kata) -> bool:
    """Whether the student's file is still byte for byte the pristine stub."""
    stub = content(kata.pristine_stub)
    return stub is not None and content(kata.student_file()) == stub


# --- verdicts -----------------------------------------------------------------------------------


def saved(kata: Kata, key: str | None = None) -> tuple[KataRun, str] | None:
    """The saved verdict of `kata` if one was reached on exactly the current files, and when
    ("2025-03-01 14:05"); else None."""
    entry = load(kata.workspace).get("verdicts", {}).get(kata.folder, {}).get(key or fingerprint(kata))
    if entry is None:
        return None
    tests = tuple(TestVerdict.from_json(test) for test in entry["tests"])
    return KataRun(kata, tests, entry["output"]), entry.get("checked", "earlier")


def cached_run(kata: Kata) -> KataRun | None:
    """The saved verdict of `kata` if one was reached on exactly the current files, else None."""
    found = saved(kata)
    return found[0] if found else None


def remember(run: KataRun, key: str) -> None:
    """Save `run` as the verdict on the files with fingerprint `key`, keeping the KEPT latest."""
    entry = {
        "tests": [asdict(test) for test in run.tests],
        "output": run.output,
        "checked": time.strftime("%Y-%m-%d %H:%M"),
    }

    def change(data: dict) -> None:
        saved = data.setdefault("verdicts", {}).setdefault(run.kata.folder, {})
        saved.pop(key, None)
        saved[key] = entry
        for old in list(saved)[:-KEPT]:
            del saved[old]

    update(run.kata.workspace, change)


def current_run(
    kata: Kata, again: bool = False, progress: runner.Progress | None = None
) -> tuple[KataRun, str | None]:
    """The verdict on the current files, and when it was saved if it is a saved one (None: the
    tests ran just now, telling `progress` how far they got).

    The kata's tests run only when no verdict is saved for these exact files, or when asked to
    run `again`. The fingerprint is of the files' exact bytes: a comment changes it too, because
    a rule may read the student's source and a message may quote its lines. A run that judged
    nothing ("error") is not saved, nor one whose files changed while it ran.
    """
    key = fingerprint(kata)
    found = None if again else saved(kata, key)
    if found is not None:
        return found
    run = runner.run_kata(kata, progress=progress)
    if run.state != "error" and fingerprint(kata) == key:
        remember(run, key)
    return run, None


@dataclass(frozen=True)
class Status:
    """Where a student stands on one kata."""

    kata: Kata
    state: str  # NOT_STARTED or a KataRun state: "passed", "failing", "stuck", "error"
    passed: int = 0
    total: int = 0


def needs_run(kata: Kata) -> bool:
    """Whether `status` must run the kata's tests: its file changed since any saved verdict."""
    return not is_pristine(kata) and cached_run(kata) is None


def status(kata: Kata, progress: runner.Progress | None = None) -> Status:
    """The kata's status; an untouched stub is not started and runs nothing."""
    if is_pristine(kata):
        return Status(kata, NOT_STARTED)
    run, _ = current_run(kata, progress=progress)
    return Status(kata, run.state, run.passed, len(run.tests))


def known_to_pass(kata: Kata) -> bool:
    """Whether the saved verdict on the current files is a pass (never runs anything)."""
    run = cached_run(kata)
    return run is not None and run.state == "passed"


def next_kata(after: Kata) -> Kata | None:
    """The first kata after `after`, then from the start, not known to pass; runs nothing."""
    katas = after.workspace.katas()
    index = [k.folder for k in katas].index(after.folder)
    rest = katas[index + 1 :] + katas[:index]
    return next((kata for kata in rest if not known_to_pass(kata)), None)


# --- hints --------------------------------------------------------------------------------------


def hint_levels_seen(kata: Kata) -> list[int]:
    """The hint levels of `kata` shown so far, in increasing order."""
    return sorted(load(kata.workspace).get("hints", {}).get(kata.folder, []))


def saw_hint(kata: Kata, level: int) -> None:
    """Record that hint `level` of `kata` was shown."""

    def change(data: dict) -> None:
        seen = set(data.setdefault("hints", {}).get(kata.folder, []))
        data["hints"][kata.folder] = sorted(seen | {level})

    update(kata.workspace, change)
