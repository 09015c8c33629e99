"""The `kata` command, run as a student runs it: a subprocess without a TTY on its standard input,
in a copy of the repo in a temporary folder, which it finds from there.

Checking a kata costs seconds, so the module-scoped `base` copy checks kata 01 for real twice
(once started but failing, once solved) and the other tests work on clones of it, whose saved
verdicts (.kata/state.json) answer for the same file contents.
"""

from __future__ import annotations

import os
import pty
import queue
import re
import select
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from workspaces import DEADLINE, REPO, command, copy_repo, kata, student_env

from katakit import catalog, i18n
from katakit.cli import state, texts

KATA = ("01_process_worker", "worker.py")
#: A file the student has started: the stub with one line more, so no longer pristine.
STARTED = "\n# started on this kata\n"


# --- running kata -------------------------------------------------------------------------------


def in_terminal(repo: Path, *args: str, code: int = 0, **env: str) -> str:
    """What `kata ARGS` writes when its output is a terminal (a pseudo-terminal here); it must
    exit with `code`."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        command(*args),
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=terminal,
        cwd=repo,
        env=student_env(**env),
    )
    os.close(terminal)
    chunks = []
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], deadline - time.monotonic())
        try:
            chunk = os.read(controller, 4096) if ready else b""
        except OSError:  # EIO: the command ended and closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert process.wait(timeout=DEADLINE) == code
    return b"".join(chunks).decode("utf-8")


# --- repo copies --------------------------------------------------------------------------------


def student_file(repo: Path) -> Path:
    return repo / "katas" / KATA[0] / KATA[1]


def stub(repo: Path) -> str:
    return (repo / "katas" / KATA[0] / ".meta" / "stub" / KATA[1]).read_text()


def solution(repo: Path) -> str:
    return (repo / "katas" / KATA[0] / ".meta" / "solution" / KATA[1]).read_text()


def kata_count(repo: Path) -> int:
    return len(list((repo / "katas").glob("*/.meta/kata.toml")))


@dataclass(frozen=True)
class Base:
    """A copy of the repo whose kata 01 is the stub again, with two verdicts saved."""

    repo: Path
    check_started: subprocess.CompletedProcess  # `kata check 01` on the started stub
    list_solved: subprocess.CompletedProcess  # `kata list` once the solution was copied over
    check_solved: subprocess.CompletedProcess  # `kata check 01` on the solution (saved verdict)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Base:
    repo = copy_repo(tmp_path_factory.mktemp("base") / "repo")
    student_file(repo).write_text(stub(repo) + STARTED)
    check_started = kata(repo, "check", "01")
    student_file(repo).write_text(solution(repo))
    list_solved = kata(repo, "list")
    check_solved = kata(repo, "check", "01")
    student_file(repo).write_text(stub(repo))
    return Base(repo, check_started, list_solved, check_solved)


@pytest.fixture
def clone(base: Base, tmp_path: Path) -> Path:
    """A copy of the base repo with its saved verdicts, for one test to change."""
    return Path(shutil.copytree(base.repo, tmp_path / "repo"))


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A copy of the repo with every kata untouched and no saved state."""
    return copy_repo(tmp_path / "fresh")


def flat(text: str) -> str:
    """`text` with every run of whitespace as one space (hints are wrapped on output)."""
    return " ".join(text.split())


def korean(key: str, **values: object) -> str:
    """The text `key` of the command's Korean catalogue, formatted with `values`."""
    return i18n.catalogue(texts.CATALOGUE, "ko")[key].format(**values)


def kata_line(output: str, number: str) -> str:
    """The line of `kata list` about kata `number`."""
    return next(line for line in output.splitlines() if re.match(rf"^\S?\s+\S\s+{number}\s", line))


# --- kata list ----------------------------------------------------------------------------------


def test_list_on_the_stubs_shows_nothing_passed_and_the_first_kata_next(fresh):
    listed = kata(fresh, "list")
    assert listed.returncode == 0, listed.stderr
    assert f"0/{kata_count(fresh)} passed" in listed.stdout
    assert "not started" in kata_line(listed.stdout, "01")
    assert "not started" in kata_line(listed.stdout, "02")
    assert kata_line(listed.stdout, "01").startswith("→")
    assert "`kata check 01`" in listed.stdout
    assert kata(fresh).stdout == listed.stdout, "plain `kata` is `kata list`"


def test_list_shows_a_copied_solution_passed_and_the_next_kata(base):
    listed = base.list_solved
    assert listed.returncode == 0, listed.stderr
    assert f"1/{kata_count(base.repo)} passed" in listed.stdout
    assert re.search(r"✓\s+01\s+passed", kata_line(listed.stdout, "01"))
    assert kata_line(listed.stdout, "02").startswith("→")
    assert "`kata check 02`" in listed.stdout


def test_a_saved_verdict_depends_on_the_kata_s_messages_and_rules_in_every_language():
    """A verdict is saved against the kata's messages and rules in every language, so that
    changing a Korean message or rule judges the file again."""
    kata05 = catalog.find_workspace(REPO).find("05")
    files = state.judged_files(kata05)
    for name in ("messages.toml", "messages.ko.toml", "rules.ko.toml"):
        assert kata05.meta / name in files, name


def test_list_runs_nothing_for_files_with_a_saved_verdict(clone):
    # A deadline scale of 0 makes any real run fail to start; the saved verdict answers instead.
    student_file(clone).write_text(solution(clone))
    listed = kata(clone, "list", KATA_TIMEOUT_SCALE="0")
    assert re.search(r"✓\s+01\s+passed", kata_line(listed.stdout, "01"))


# --- kata check ---------------------------------------------------------------------------------


def test_check_fails_on_a_started_stub_with_one_cross_per_test(base):
    checked = base.check_started
    assert checked.returncode == 1, checked.stderr
    total = int(re.search(r"0/(\d+) passed", checked.stdout)[1])
    crosses = [line for line in checked.stdout.splitlines() if line.startswith("✗ ")]
    assert len(crosses) == total > 0
    assert "✓" not in checked.stdout
    assert "main() is not written yet" in checked.stdout, "the teaching message is shown"
    assert "`kata hint 01`" in checked.stdout
    assert checked.stderr == "", "no progress line when standard error is not a terminal"


def test_check_passes_on_the_solution_with_one_tick_per_test_and_names_the_next_kata(base):
    checked = base.check_solved
    assert checked.returncode == 0, checked.stderr
    total = int(re.search(r"(\d+)/\1 passed", checked.stdout)[1])
    ticks = [line for line in checked.stdout.splitlines() if line.startswith("✓ ")]
    assert len(ticks) == total > 0
    assert "✗" not in checked.stdout
    assert "`kata check 02`" in checked.stdout
    assert student_file(base.repo).read_text() == stub(base.repo), "check moved nothing on"


def test_check_verbose_adds_pytests_full_output(clone):
    student_file(clone).write_text(stub(clone) + STARTED)
    checked = kata(clone, "check", "process_worker", "--verbose")
    assert checked.returncode == 1
    assert "test session starts" in checked.stdout
    assert "FAILED katas/01_process_worker/test_worker.py::" in checked.stdout
    assert "✗ worker puts one report about its own process" in checked.stdout


def test_check_says_a_verdict_is_saved_above_pytests_output_too(clone):
    """A saved verdict says when it was reached and how to run the tests again."""
    student_file(clone).write_text(stub(clone) + STARTED)
    saved = kata(clone, "check", "01", "-v")
    assert saved.stdout.startswith("Saved verdict: pytest's output when this exact file was checked at ")
    assert "(saved verdict: this exact file was checked at " in saved.stdout
    assert "`kata check 01 --again` runs the tests again" in saved.stdout


def test_check_again_runs_the_tests_counting_them_on_a_terminal(clone):
    """--again runs the tests of a file checked before; a terminal sees them counted, then not."""
    student_file(clone).write_text(stub(clone) + STARTED)
    shown = in_terminal(clone, "check", "01", "--again", code=1, NO_COLOR="1")
    total = int(re.search(r"0/(\d+) passed", shown)[1])
    assert f"\rRunning the tests of kata 01... {total}/{total} tests done\x1b[K" in shown
    assert shown.index("\r\x1b[K") < shown.index("Kata 01:"), "erased before the verdict"
    assert "saved verdict" not in shown


def test_check_of_an_unknown_kata_names_the_katas(fresh):
    checked = kata(fresh, "check", "99")
    assert checked.returncode == 2
    assert "01_process_worker" in checked.stderr


# --- kata hint ----------------------------------------------------------------------------------


def test_hint_shows_the_next_level_each_time(fresh):
    hints = catalog.read(fresh / "katas" / KATA[0]).hints
    shown = [kata(fresh, "hint", "01").stdout for _ in range(2)]
    assert "hint 1 of 3 (a nudge)" in shown[0] and flat(hints[0]) in flat(shown[0])
    assert "hint 2 of 3 (the mechanism)" in shown[1] and flat(hints[1]) in flat(shown[1])
    again = kata(fresh, "hint", "1", "--level", "1").stdout
    assert flat(hints[0]) in flat(again) and "shows hint 3" in again
    last = kata(fresh, "hint", "01")
    assert last.returncode == 0
    assert "hint 3 of 3 (a near-solution)" in last.stdout and flat(hints[2]) in flat(last.stdout)
    assert "every hint" in last.stdout
    assert "https://docs.python.org/3/" in last.stdout
    assert (fresh / ".kata" / "state.json").is_file()
    assert student_file(fresh).read_text() == stub(fresh), "state never goes into student files"


def test_hint_after_a_chosen_level_names_the_level_after_it(fresh):
    """After hint K, the next hint is K + 1; after the last, the line names a hint not seen."""
    second = kata(fresh, "hint", "05", "--level", "2").stdout
    assert "Next hint: `kata hint 05` shows hint 3 (a near-solution)." in second
    third = kata(fresh, "hint", "05").stdout
    assert "hint 3 of 3" in third
    assert "Not seen yet: hint 1 (a nudge), with `kata hint 05 --level 1`." in third
    first = kata(fresh, "hint", "05", "--level", "1").stdout
    assert "You have seen every hint of kata 05." in first


def test_hint_level_out_of_range_is_an_error(fresh):
    assert kata(fresh, "hint", "01", "--level", "4").returncode == 2
    assert kata(fresh, "hint", "01", "--level", "0").returncode == 2


# --- kata solution ------------------------------------------------------------------------------


def test_solution_refuses_until_the_kata_passes(clone):
    untouched = kata(clone, "solution", "01")
    assert untouched.returncode == 1
    assert "not started" in untouched.stdout
    student_file(clone).write_text(stub(clone) + STARTED)
    failing = kata(clone, "solution", "01")
    assert failing.returncode == 1
    assert "is failing: 0/" in failing.stdout
    assert solution(clone) not in failing.stdout
    student_file(clone).write_text(solution(clone))
    shown = kata(clone, "solution", "01")
    assert shown.returncode == 0, shown.stdout
    assert solution(clone).strip() in shown.stdout


# --- kata reset ---------------------------------------------------------------------------------


def test_reset_yes_restores_the_stub_and_keeps_a_backup(fresh):
    student_file(fresh).write_text("# my attempt\n")
    reset = kata(fresh, "reset", "01", "--yes")
    assert reset.returncode == 0, reset.stderr
    assert student_file(fresh).read_text() == stub(fresh)
    backup = fresh / re.search(r"kept in (\S+)", reset.stdout)[1]
    assert backup.parent == fresh / ".kata" / "backups" / KATA[0]
    assert backup.read_text() == "# my attempt\n"


def test_reset_asks_first_and_does_nothing_without_a_yes(fresh):
    student_file(fresh).write_text("# my attempt\n")
    for answer in ("n\n", ""):
        declined = kata(fresh, "reset", "01", answer=answer)
        assert declined.returncode == 1
        assert "[y/N]" in declined.stdout
        assert student_file(fresh).read_text() == "# my attempt\n"
    assert not (fresh / ".kata" / "backups").exists()
    accepted = kata(fresh, "reset", "01", answer="y\n")
    assert accepted.returncode == 0
    assert student_file(fresh).read_text() == stub(fresh)
    assert len(list((fresh / ".kata" / "backups" / KATA[0]).iterdir())) == 1


# --- kata watch ---------------------------------------------------------------------------------


def read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def lines_until(lines: queue.Queue, deadline: float, wanted: str | None = None) -> str:
    """The lines read up to and including the first that contains `wanted`, else to the end;
    queue.Empty once `deadline` (a time.monotonic() value) passes first."""
    seen = []
    while (line := lines.get(timeout=max(deadline - time.monotonic(), 0))) is not None:
        seen.append(line)
        if wanted is not None and wanted in line:
            break
    return "".join(seen)


def test_watch_checks_again_after_the_file_is_saved(clone):
    student_file(clone).write_text(stub(clone) + STARTED)
    watch = subprocess.Popen(
        command("watch", "01", "--max-checks", "2"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        cwd=clone,
        env=student_env(),
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(watch.stdout, lines), daemon=True).start()
    deadline = time.monotonic() + DEADLINE
    first = lines_until(lines, deadline, "Waiting for you to save")
    assert "is failing" in first and "Waiting for you to save" in first
    student_file(clone).write_text(solution(clone))
    second = lines_until(lines, deadline)
    assert watch.wait(timeout=DEADLINE) == 0
    assert "check 2" in second and "kata 01 passes" in second
    assert "Next: kata 02" in second


def test_watch_without_a_kata_watches_the_first_that_does_not_pass(clone):
    student_file(clone).write_text(stub(clone) + STARTED)
    watched = kata(clone, "watch", "--max-checks", "1")
    assert watched.returncode == 1
    assert watched.stdout.splitlines()[0] == f"Watching kata 01 (katas/{KATA[0]}/{KATA[1]}). Ctrl-C stops."
    assert "is failing" in watched.stdout


# --- output -------------------------------------------------------------------------------------


def test_no_escape_codes_when_piped_or_with_no_color(fresh):
    assert "\x1b" not in kata(fresh, "hint", "01", "--level", "1").stdout
    assert "\x1b[" in in_terminal(fresh, "hint", "01", "--level", "1"), "colour on a terminal"
    assert "\x1b" not in in_terminal(fresh, "hint", "01", "--level", "1", NO_COLOR="1")


@pytest.mark.skipif(shutil.which("kata") is None, reason="the kata script is not installed")
def test_the_kata_script_is_the_same_command(clone):
    script = subprocess.run(
        ["kata", "list"], capture_output=True, text=True, cwd=clone, env=student_env(), timeout=DEADLINE
    )
    assert script.returncode == 0
    assert script.stdout == kata(clone, "list").stdout


# --- languages ----------------------------------------------------------------------------------


def test_lang_ko_lists_the_katas_in_korean(fresh):
    """`kata --lang ko list` gives its heading, each kata's state and the next step in Korean."""
    listed = kata(fresh, "--lang", "ko", "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith(korean("LIST_HEADING", passed=0, total=kata_count(fresh)))
    assert korean("STATE_NOT_STARTED") in kata_line(listed.stdout, "01")
    commands = {"check": "`kata check 01`", "watch": "`kata watch 01`", "hint": "`kata hint 01`"}
    assert korean("LIST_START", number="01", **commands) in listed.stdout


def test_kata_lang_ko_checks_in_korean(clone):
    """With KATA_LANG=ko, `kata check` gives its heading, each rule's label, the summary and the
    advice in Korean, for a verdict saved by an English run too."""
    student_file(clone).write_text(stub(clone) + STARTED)
    checked = kata(clone, "check", "01", KATA_LANG="ko")
    assert checked.returncode == 1, checked.stderr
    title = catalog.read(clone / "katas" / KATA[0]).title_in("ko")
    assert checked.stdout.startswith(korean("CHECK_HEADING", number="01", title=title))
    crosses = [line for line in checked.stdout.splitlines() if line.startswith("✗ ")]
    assert checked.stdout.count(f"\n    {korean('CHECK_RULE', rule='')}") == len(crosses) > 0
    failing = korean("STATE_FAILING")
    summary = korean("CHECK_IS", passed=0, total=len(crosses), number="01", state=failing)
    assert summary in checked.stdout
    advice = {"cross": "✗", "hint": "`kata hint 01`", "verbose": "`kata check 01 --verbose`"}
    assert korean("CHECK_FIX", **advice) in checked.stdout


def test_the_commands_texts_have_the_same_keys_and_placeholders_in_every_language():
    """The `kata` command's catalogue has the same keys in the same order in every language, and
    each text the same placeholders."""
    english = i18n.catalogue(texts.CATALOGUE, "en")
    assert english
    for lang in i18n.LANGUAGES[1:]:
        translated = i18n.catalogue(texts.CATALOGUE, lang)
        assert list(translated) == list(english), lang
        for key, template in english.items():
            assert i18n.placeholders(translated[key]) == i18n.placeholders(template), (lang, key)


# --- the workspace ------------------------------------------------------------------------------


def test_check_in_a_second_clone_judges_that_clones_file(clone, fresh):
    """`kata check` judges the file of the copy it runs in, found from the current folder."""
    student_file(clone).write_text(solution(clone))
    assert "passes" in kata(clone, "check", "01").stdout
    assert "passes" not in kata(fresh, "check", "01").stdout
    inside = kata(clone / "katas" / KATA[0], "check", "01")
    assert "passes" in inside.stdout, "from a folder inside the copy too"


def test_repo_option_and_variable_name_the_workspace(clone, fresh, tmp_path):
    """--repo, else KATA_REPO, names the workspace whatever the current folder."""
    student_file(clone).write_text(solution(clone))
    assert "passes" in kata(fresh, "--repo", str(clone), "check", "01").stdout
    assert "passes" in kata(tmp_path, "check", "01", KATA_REPO=str(clone)).stdout
    assert "passes" not in kata(clone, "--repo", str(fresh), "check", "01").stdout


def test_outside_a_workspace_the_command_says_what_to_do(tmp_path):
    """Outside any copy of the katas, kata says where it looked and how to name one."""
    listed = kata(tmp_path, "list")
    assert listed.returncode == 2
    assert f"no kata workspace in {tmp_path.resolve()}" in listed.stderr
    assert "--repo DIR" in listed.stderr and "KATA_REPO" in listed.stderr
    wrong = kata(tmp_path, "--repo", str(tmp_path), "list")
    assert wrong.returncode == 2 and "holds no katas/NN_topic/ folder" in wrong.stderr


# --- the student's way in -----------------------------------------------------------------------


def code_blocks(heading: str) -> list[list[str]]:
    """The lines of each code block of the README's section `heading`."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [block.strip("\n").splitlines() for block in section.split("```\n")[1::2]]


def test_the_quick_start_is_two_commands_and_ci_runs_the_readmes_commands_as_written():
    """The README's set-up is two commands; CI installs and runs the repo's tests with its own."""
    set_up = code_blocks("Quick start")[0]
    assert len(set_up) == 2
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert set_up[1] in ci, "the second (the first is apt-get, the machine's business)"
    (run_tests,) = code_blocks("The repo's own tests")[0]
    assert run_tests in ci


def collected_by_plain_pytest(folder: Path) -> list[str]:
    """The tests that plain `pytest` in `folder` runs, as a student runs it there."""
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        capture_output=True,
        text=True,
        cwd=folder,
        env=student_env(),
        timeout=DEADLINE,
    )
    return [line for line in collected.stdout.splitlines() if "::" in line]


def test_plain_pytest_at_the_top_collects_the_katas_and_not_the_repos_tests():
    """Plain `pytest` at the repo's top checks the katas, as a student expects."""
    tests = collected_by_plain_pytest(REPO)
    assert all(line.startswith("katas/") for line in tests), tests
    assert {line.split("/")[1] for line in tests} == {k.folder for k in catalog.Workspace(REPO).katas()}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """A student's workspace made by `kata init`, and what the command said."""
    parent = tmp_path_factory.mktemp("made")
    return parent / "workspace", kata(parent, "init", "workspace")


@pytest.fixture
def workspace(made, tmp_path: Path) -> Path:
    """A copy of the student's workspace, for one test to change."""
    return Path(shutil.copytree(made[0], tmp_path / "workspace"))


def test_init_makes_a_workspace_without_hints_or_solutions(made):
    """`kata init DIR` copies each kata's lesson, stub and rules, and no hint or solution."""
    folder, init = made
    assert init.returncode == 0, init.stderr
    assert "`cd workspace`, then `kata`" in init.stdout
    kept = {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}
    expected = {"README.md", "pyproject.toml", ".gitignore"}
    for kata_ in catalog.Workspace(REPO).katas():
        expected |= {path.relative_to(REPO).as_posix() for path in kata_.student_view}
    assert kept == expected
    assert not any("hints" in name or "solution" in name for name in kept)
    assert student_file(folder).read_text() == stub(REPO)
    listed = kata(folder, "list")
    assert listed.returncode == 0 and f"0/{kata_count(REPO)} passed" in listed.stdout


def test_init_refuses_a_folder_that_holds_anything(made):
    """`kata init` never writes into a folder that holds anything."""
    again = kata(made[0].parent, "init", "workspace")
    assert again.returncode == 2 and "is not an empty folder" in again.stderr


def test_a_students_workspace_checks_with_its_own_files(workspace):
    """In a student's workspace, `kata check` and plain pytest judge the workspace's files."""
    student_file(workspace).write_text(stub(REPO) + STARTED)
    checked = kata(workspace, "check", "01")
    assert checked.returncode == 1 and "main() is not written yet" in checked.stdout
    watched = kata(workspace, "watch", "--max-checks", "1")
    assert watched.returncode == 1 and "is failing" in watched.stdout
    assert collected_by_plain_pytest(workspace) == collected_by_plain_pytest(REPO)
    reset = kata(workspace, "reset", "01", "--yes")
    assert reset.returncode == 0 and student_file(workspace).read_text() == stub(REPO)


def test_hints_and_the_solution_of_a_students_workspace_come_from_the_install(base, workspace):
    """`kata hint`, and `kata solution` after a pass, read the installed katas' files."""
    shutil.copytree(base.repo / ".kata", workspace / ".kata")  # the verdicts saved on these files
    hints = catalog.read(REPO / "katas" / KATA[0]).hints
    assert flat(hints[0]) in flat(kata(workspace, "hint", "01").stdout)
    student_file(workspace).write_text(solution(REPO))
    shown = kata(workspace, "solution", "01")
    assert shown.returncode == 0, shown.stdout
    assert solution(REPO).strip() in shown.stdout
    assert str(REPO / "katas" / KATA[0] / ".meta" / "solution" / KATA[1]) in shown.stdout


def test_kata_dev_refuses_a_students_workspace(workspace):
    """`kata dev` says it works in the kata repo, not in a student's workspace."""
    checked = kata(workspace, "dev", "check", "--no-runs")
    assert checked.returncode == 2
    assert "is a student's workspace" in checked.stderr and "kata repo" in checked.stderr


def test_a_package_built_without_editable_mode_carries_every_kata_file(tmp_path):
    """A built package holds every file of katas/, .meta/ included, and kata reads them there."""
    pytest.importorskip("setuptools", reason="building the package needs setuptools")
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("katakit", "katas"):
        shutil.copytree(REPO / name, source / name, symlinks=True, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    build = tmp_path / "build"
    built = subprocess.run(
        [sys.executable, "-c", "from setuptools import setup; setup()", "-q", "build_py", "--build-lib", str(build)],
        capture_output=True,
        text=True,
        cwd=source,
        timeout=DEADLINE,
    )
    assert built.returncode == 0, built.stderr
    reference = build / "katakit" / "reference"
    carried = {path.relative_to(reference).as_posix() for path in reference.rglob("*") if path.is_file()}
    files = [path for path in (source / "katas").rglob("*") if path.is_file()]
    assert carried == {"pyproject.toml", *(path.relative_to(source).as_posix() for path in files)}
    made = kata(tmp_path, "init", "workspace", PYTHONPATH=str(build))
    assert made.returncode == 0 and f"read them from {reference}" in made.stdout
    hint = kata(tmp_path / "workspace", "hint", "01", PYTHONPATH=str(build))
    assert flat(catalog.read(REPO / "katas" / KATA[0]).hints[0]) in flat(hint.stdout)
