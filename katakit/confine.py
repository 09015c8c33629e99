"""Run graded code confined, and find out how far this platform lets the grader confine it.

Three things keep a submission from forging its grade, each where the platform allows it:

- **A uid of its own.** As root, the judge's child drops to a uid that no user and no other
  process has (`become_student`, just before it imports the student's module), and so does
  every script run of the student's file; pytest and the grader stay root. Student code then
  cannot signal, trace or read the files of the processes that judge it, nor write anything
  the grader owns, and every process it started is found by its uid (`end_processes_of`).
- **Namespaces of its own.** ``unshare`` (util-linux) puts the whole run (the launcher, pytest,
  the judge's children and whatever they start) in new PID, mount, network and IPC namespaces,
  and a new user namespace when the grader is not root. pytest is the namespace's init, so
  everything in it dies when pytest exits; the launcher (`main`, the namespace's first process)
  first makes every mount read-only, gives the run a private empty ``/tmp``, ``/var/tmp`` and
  ``/dev/shm`` (the run's scratch folder is carried over), and covers the folders student code
  must not read (the reference solutions, the submissions) with empty ones.
- **Resource limits** (`Limits`, ``setrlimit``) on every process of the run.

`Platform.probe` tries these once, with a small program run the way student code is run, and
says what held: `Platform.confined` is true only when student code ran under a uid of its own
and could not read the reference solutions. Where less holds, the grade says "unconfined",
with what is missing.

`Sandbox.run` starts ``python -m katakit.confine [OPTIONS] -- COMMAND`` (inside ``unshare``
where namespaces are available): `main` lowers the limits, builds the sandbox, then execs
COMMAND. When COMMAND exits or passes its wall-clock limit, `Sandbox.run` ends every process the
run started: the namespace's init (and with it the whole namespace), every process of the
student's uid, or, where neither is available, the processes that carry the run's marker in
their environment (which a process that replaced its environment escapes).
"""

from __future__ import annotations

import argparse
import os
import pwd
import random
import shutil
import signal
import stat
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import BinaryIO, Iterator, Sequence

from katakit import i18n

try:
    import resource
except ImportError:  # Windows: no resource limits
    resource = None

#: The environment variable that marks every process of a run without namespaces or uid.
MARKER = "KATAKIT_CONFINED"
#: The environment variable that gives a graded pytest the uid student code runs as.
STUDENT_UID = "KATAKIT_STUDENT_UID"
#: Seconds a sweep may spend killing processes that keep appearing (a fork bomb).
SWEEP_SECONDS = 5.0
#: The uids student code may run as (as root): each run draws one at random that no user and no
#: process has, so that no run gets a uid an earlier one had. What the kernel keeps for a uid
#: beyond the run's namespaces (its keyring: a key a student's code adds there outlives every
#: process) then reaches no other run; with uids taken in turn, one submission read what another
#: had left there.
STUDENT_UIDS = range(10**9, 2 * 10**9)
#: Folders a sandbox replaces with private, empty, writable ones (the run's scratch is kept).
PRIVATE = ("/tmp", "/var/tmp", "/dev/shm")
#: How each is mounted: in memory, like the host's /dev/shm, but bounded (a run that fills it
#: gets ENOSPC, not the machine's memory).
PRIVATE_OPTIONS = "mode=1777,nosuid,nodev,size=256m"
#: What the launcher runs as the namespace's first process.
LAUNCHER = ("-m", "katakit.confine")
#: The namespaces of a sandbox (``unshare`` options), and the user namespace when not root.
NAMESPACES = ("--pid", "--fork", "--kill-child", "--mount-proc", "--net", "--ipc", "--mount")
USER_NAMESPACE = ("--user", "--map-root-user")


@dataclass(frozen=True)
class Limits:
    """Resource limits of each process of a confined command; None leaves that limit as it is."""

    cpu_seconds: int | None = 60
    memory_bytes: int | None = 2 * 1024**3  # address space
    #: Tasks (processes and threads) the user may start on top of those it runs already.
    processes: int | None = 256
    #: The largest file a process may write: what a run prints goes to a file of the grader's,
    #: which it reads back whole (a run that printed gigabytes took the grader's memory with it).
    file_bytes: int | None = 64 * 1024**2

    def arguments(self) -> list[str]:
        """The options of ``python -m katakit.confine`` that set these limits."""
        values = (
            ("--cpu", self.cpu_seconds),
            ("--memory", self.memory_bytes),
            ("--processes", self.processes),
            ("--file-size", self.file_bytes),
        )
        return [f"{option}={value}" for option, value in values if value is not None]


# --- in the judge's child and the script runs: student code's uid ------------------------------


def student_uid() -> int | None:
    """The uid student code runs as in this graded run; None outside a grading, or without one."""
    value = os.environ.get(STUDENT_UID)
    return int(value) if value else None


def become_student() -> None:
    """Drop this process to the student's uid, if the run has one: called by the judge's child
    just before it imports the student's module (a no-op outside a grading)."""
    uid = student_uid()
    if uid is not None:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)


def as_student() -> dict:
    """The `subprocess.Popen` options that run a command as the student's uid ({} without one)."""
    uid = student_uid()
    return {} if uid is None else {"user": uid, "group": uid, "extra_groups": []}


def give_to_student(path: Path) -> None:
    """Make `path` the student's, if the run has a uid for student code."""
    uid = student_uid()
    if uid is not None:
        os.chown(path, uid, uid)


@contextmanager
def scratch() -> Iterator[Path]:
    """A folder of the student's for the files of code judged (its temporary files, say),
    removed with all it holds on exit. It lies in a folder of the judge's, so that student code
    can neither move it away nor keep it from being removed."""
    with tempfile.TemporaryDirectory(prefix="kata-", ignore_cleanup_errors=True) as parent:
        os.chmod(parent, 0o711)  # the student's uid may pass through to its own folder
        folder = Path(parent, "s")
        folder.mkdir()
        give_to_student(folder)
        yield folder


# --- ending processes ----------------------------------------------------------------------------


#: The states of /proc/PID/stat of a process that has finished exiting: a zombie, or dead.
EXITED = ("Z", "X")


def exiting_or_gone(pid: int) -> bool:
    """Whether process `pid` has finished exiting: gone, or a zombie (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return fields.rsplit(")", 1)[1].split()[0] in EXITED


def stats() -> Iterator[tuple[int, list[str]]]:
    """Each process's pid and the fields of its /proc/PID/stat after its name (state, parent,
    group, ...), as far as readable (Linux)."""
    for path in Path("/proc").glob("[0-9]*/stat"):
        try:
            yield int(path.parent.name), path.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue


def processes_with(entry: str) -> list[int]:
    """The processes whose environment holds `entry` ("NAME=value"), from /proc (Linux)."""
    wanted = entry.encode()
    pids = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if wanted in environ.read_bytes().split(b"\0"):
                pids.append(int(environ.parent.name))
        except OSError:
            continue
    return pids


def statuses() -> Iterator[tuple[int, dict[str, str]]]:
    """Each process's pid and the fields of its /proc/PID/status (Linux), as far as readable."""
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            lines = status.read_text().splitlines()
        except OSError:
            continue
        yield int(status.parent.name), dict(line.split(":", 1) for line in lines if ":" in line)


def real_uid(fields: dict[str, str]) -> str:
    """The real uid of a process, from the fields of its status."""
    return next(iter(fields.get("Uid", "").split()), "")


def processes_of(uid: int) -> list[int]:
    """The live (not exiting) processes whose real uid is `uid`, from /proc (Linux)."""
    mine = [pid for pid, fields in statuses() if real_uid(fields) == str(uid)]
    return [pid for pid in mine if not exiting_or_gone(pid)]


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc (Linux)."""
    return [child for child, fields in stats() if int(fields[1]) == pid]


def sweep(find, kill) -> None:
    """Kill what `find()` lists with `kill(pid)`, again and again until nothing is left and every
    process killed has finished exiting (or for at most SWEEP_SECONDS, against a fork bomb)."""
    end = time.monotonic() + SWEEP_SECONDS
    killed: set[int] = set()
    while time.monotonic() < end:
        found = find()
        for pid in found:
            kill(pid)
        killed = {pid for pid in killed.union(found) if not exiting_or_gone(pid)}
        if not killed:
            return


def group_members(pgid: int) -> list[int]:
    """The live (not exiting) processes of process group `pgid`, from /proc (Linux), each
    checked with getpgid, which counts pids as this process does (a /proc of another PID
    namespace would not)."""
    found = [pid for pid, fields in stats() if fields[2] == str(pgid) and fields[0] not in EXITED]
    return [pid for pid in found if in_group(pid, pgid)]


def group_cpu_ticks(pgid: int) -> int:
    """The CPU time, in clock ticks, that the processes of group `pgid` have used, with that of
    their children they reaped (utime, stime, cutime and cstime of /proc/PID/stat; Linux). It
    grows while any of them runs; 0 where /proc cannot tell."""
    return sum(
        sum(int(value) for value in fields[11:15])
        for _, fields in stats()
        if len(fields) > 14 and fields[2] == str(pgid)
    )


def in_group(pid: int, pgid: int) -> bool:
    """Whether process `pid` is in process group `pgid` now."""
    try:
        return os.getpgid(pid) == pgid
    except OSError:
        return False


def end_group(pgid: int) -> None:
    """Kill what is left of process group `pgid` and wait until it has finished exiting.

    A process killed with SIGKILL goes on running until the kernel schedules its exit, which on
    a busy machine can come after its killer has moved on: a process of the group would then
    outlive the test that started it. The group's leader must have been reaped already.
    """
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):  # nothing left of it, zombies aside
        return
    sweep(lambda: group_members(pgid), kill)


def kill(pid: int) -> None:
    """SIGKILL `pid`, if it is still there."""
    try:
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def end_processes_of(uid: int) -> None:
    """End every process of `uid` (the student's), however it left its session or group: first
    with one ``kill -9 -1`` run as `uid` (every process of it at once, a fork bomb included),
    then one by one until none is left. Needs root."""
    subprocess.run(
        ["kill", "-9", "-1"],
        user=uid,
        group=uid,
        extra_groups=[],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    sweep(lambda: processes_of(uid), kill)


def end_namespace() -> None:
    """As the init of a PID namespace, end every other process in it and reap them all."""
    end = time.monotonic() + SWEEP_SECONDS
    while time.monotonic() < end:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def end_student_processes() -> None:
    """In a graded pytest, before it writes its results: end every process student code may
    have left (all others of the namespace, as its init; else all of the student's uid)."""
    if os.getpid() == 1:
        end_namespace()
    elif (uid := student_uid()) is not None:
        end_processes_of(uid)


# --- the launcher (runs before the command, in the sandbox when there is one) ------------------


class SandboxError(Exception):
    """The sandbox could not be built; the message says which step failed."""


def lower(which: int, value: int) -> None:
    """Lower the soft and hard limit `which` to `value` (never above the current hard limit)."""
    _, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    try:
        resource.setrlimit(which, (value, value))
    except (ValueError, OSError):  # a limit this platform does not let a process set
        pass


def user_tasks(uid: int | None = None) -> int | None:
    """The tasks (processes and threads) of `uid` (default: this process's real user), from
    /proc; None without it."""
    wanted = str(os.getuid() if uid is None else uid)
    found = list(statuses())
    if not found:
        return None
    return sum(int(fields.get("Threads", "1")) for _, fields in found if real_uid(fields) == wanted)


def apply(limits: Limits, uid: int | None = None) -> None:
    """Set `limits` on this process (inherited by whatever it execs and starts); the task limit
    counts the tasks of `uid` (default: this process's user)."""
    if resource is None:
        return
    lower(resource.RLIMIT_CORE, 0)
    if limits.cpu_seconds is not None:
        lower(resource.RLIMIT_CPU, limits.cpu_seconds)
    if limits.memory_bytes is not None and hasattr(resource, "RLIMIT_AS"):
        lower(resource.RLIMIT_AS, limits.memory_bytes)
    if limits.file_bytes is not None:
        lower(resource.RLIMIT_FSIZE, limits.file_bytes)
    if limits.processes is not None and hasattr(resource, "RLIMIT_NPROC"):
        running = user_tasks(uid)
        if running is not None:
            lower(resource.RLIMIT_NPROC, running + limits.processes)


def unescape(field: str) -> str:
    """A path of /proc/self/mountinfo, whose spaces and such are written as octal escapes."""
    return field.encode().decode("unicode_escape")


def escape(path: str) -> str:
    """A path as fstab writes it."""
    return "".join(f"\\{ord(c):03o}" if c in " \t\n\\" else c for c in path)


def mounts() -> list[tuple[str, list[str], str]]:
    """Every mount of this mount namespace: its mount point, per-mount options and file system
    type, from /proc."""
    found = []
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        fields, _, source = line.partition(" - ")
        fields = fields.split()
        found.append((unescape(fields[4]), fields[5].split(","), source.split()[0]))
    return found


def run_all(commands: Sequence[list[str]], pass_fds: Sequence[int] = ()) -> None:
    """Run `commands` at once; SandboxError if any fails."""
    running = [
        subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, pass_fds=pass_fds)
        for c in commands
    ]
    failed = [(c, p.communicate()[1]) for c, p in zip(commands, running) if p.wait() != 0]
    if failed:
        command, error = failed[0]
        raise SandboxError(f"{' '.join(command)}: {error.decode(errors='replace').strip()}")


def mount_table(lines: Sequence[str], pass_fds: Sequence[int] = ()) -> None:
    """Mount every entry of `lines` (fstab lines), in order, with one ``mount`` that takes the
    paths as given (an entry's source may be a file descriptor's /proc/self/fd/N).

    ``mount --all`` skips an entry whose source is already mounted on its target: the sandbox's
    own file systems are named ``kata-...``, so that a private /dev/shm is mounted over the
    host's tmpfs (which is named ``tmpfs`` too) and not skipped."""
    fd = os.memfd_create("fstab")
    try:
        os.write(fd, "".join(line + "\n" for line in lines).encode())
        table = f"--fstab=/proc/self/fd/{fd}"
        run_all([["mount", "-n", "--no-canonicalize", "--all", table]], pass_fds=(fd, *pass_fds))
    finally:
        os.close(fd)


#: Kernel file systems that store no one's files (their entries are the kernel's, guarded by
#: their owners and modes): a sandbox leaves them as they are.
KERNEL_FILE_SYSTEMS = frozenset(
    "proc sysfs cgroup cgroup2 devpts mqueue debugfs tracefs securityfs pstore bpf configfs "
    "fusectl binfmt_misc hugetlbfs efivarfs autofs nsfs selinuxfs rpc_pipefs".split()
)


def read_only() -> None:
    """Make every writable mount of files read-only and ignore set-user-ID bits, keeping its
    other flags (a user namespace may not clear them); the PRIVATE folders are replaced anyway."""
    commands = []
    for point, options, kind in mounts():
        if "rw" not in options or kind in KERNEL_FILE_SYSTEMS or any(
            point == d or point.startswith(d + "/") for d in PRIVATE
        ):
            continue
        kept = [o for o in options if o not in ("rw", "nosuid")]
        flags = ",".join(["remount", "bind", "ro", "nosuid", *kept])
        commands.append(["mount", "-n", "-o", flags, point])
    run_all(commands)


def can_search(path: Path, uid: int) -> bool:
    """Whether `uid` (with no groups but its own) may go through the folder `path`."""
    info = path.stat()
    if info.st_uid == uid:
        return bool(info.st_mode & stat.S_IXUSR)
    if info.st_gid == uid:
        return bool(info.st_mode & stat.S_IXGRP)
    return bool(info.st_mode & stat.S_IXOTH)


def blocked_folder(path: Path, uid: int) -> Path | None:
    """The outermost folder on the way to `path` that `uid` may not go through, or None."""
    for folder in reversed(path.parents):
        if not can_search(folder, uid):
            return folder
    return None


def within(path: Path, folders: Sequence[Path]) -> bool:
    """Whether `path` is one of `folders` or inside one."""
    return any(path == folder or folder in path.parents for folder in folders)


def outermost(paths: Sequence[Path]) -> list[Path]:
    """The folders of `paths` that exist and are inside no other of them, in order."""
    found = sorted({p for p in paths if p.is_dir()})
    return [p for p in found if not any(q in p.parents for q in found)]


def read_tree(folder: Path) -> dict[Path, bytes | None]:
    """Every folder (None) and file (its bytes) under `folder`, by path, folders first."""
    tree: dict[Path, bytes | None] = {folder: None}
    for parent, folders, files in os.walk(folder):
        tree.update({Path(parent, name): None for name in folders})
        tree.update({Path(parent, name): Path(parent, name).read_bytes() for name in files})
    return tree


def write_tree(tree: dict[Path, bytes | None], uid: int | None) -> None:
    """Put back what `read_tree` read, for the student's `uid` (its group) to read and only this
    process's user to change: student code that could replace its own file (by a link to a file
    only root may read, say) would have the pytest that judges it, as root, read what it names.
    Without a uid, for anyone to read."""
    for path, content in tree.items():
        if content is None:
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.write_bytes(content)
        if uid is None:
            path.chmod(0o755 if content is None else 0o644)
        else:
            os.chown(path, -1, uid)
            path.chmod(0o750 if content is None else 0o640)


def build_sandbox(
    scratch: Path | None, hide: Sequence[Path], reach: Sequence[Path], uid: int | None
) -> None:
    """In a new mount namespace: every mount read-only; `hide` covered by empty folders nobody
    may open; private, empty PRIVATE folders that hold `scratch` (which student code may read,
    not change); and every folder of `reach` (the Python the run uses, the reference) where it
    was, for `uid` too:
    those in a PRIVATE folder, or behind a folder `uid` may not go through (which is then
    covered by an empty one it may), are bound back in from a descriptor opened before, with
    what is mounted under them (the covers of `hide` included)."""
    kept = read_tree(scratch) if scratch is not None else {}
    read_only()
    private = [Path(d) for d in PRIVATE if Path(d).is_dir()]
    needed = outermost(reach)
    blocked = {
        p: blocked_folder(p, uid) for p in needed if uid is not None and not within(p, private)
    }
    carried = [p for p in needed if within(p, private) or blocked.get(p) is not None]
    covers = sorted({folder for folder in blocked.values() if folder is not None})
    fds = {p: os.open(p, os.O_RDONLY | os.O_DIRECTORY) for p in carried}
    binds = [
        f"/proc/self/fd/{fd} {escape(str(p))} none rbind,X-mount.mkdir 0 0" for p, fd in fds.items()
    ]
    try:
        mount_table(
            [f"kata-hide {escape(str(p))} tmpfs ro,mode=0,size=4k 0 0" for p in outermost(hide)]
            + [f"kata-private {escape(str(d))} tmpfs {PRIVATE_OPTIONS} 0 0" for d in private]
            + [f"kata-cover {escape(str(f))} tmpfs mode=0755,nosuid,nodev 0 0" for f in covers]
            + binds,
            pass_fds=tuple(fds.values()),
        )
    finally:
        for fd in fds.values():
            os.close(fd)
    write_tree(kept, uid)


def main(argv: list[str] | None = None) -> None:
    """``python -m katakit.confine [OPTIONS] -- COMMAND...``: lower the limits, build the sandbox
    when asked (as the first process of new namespaces), then exec COMMAND."""
    parser = argparse.ArgumentParser(prog="python -m katakit.confine")
    parser.add_argument("--cpu", type=int, help="CPU seconds of each process")
    parser.add_argument("--memory", type=int, help="bytes of address space of each process")
    parser.add_argument("--processes", type=int, help="tasks the user may start on top of its own")
    parser.add_argument("--file-size", type=int, help="bytes of the largest file a process writes")
    parser.add_argument("--student-uid", type=int, help="the uid student code runs as")
    parser.add_argument("--sandbox", action="store_true", help="build the sandbox (new namespaces)")
    parser.add_argument("--scratch", type=Path, help="the run's folder, kept in the sandbox")
    parser.add_argument("--hide", type=Path, action="append", default=[], help="a folder to cover")
    parser.add_argument("--reach", type=Path, action="append", default=[], help="a path it needs")
    parser.add_argument("--drop-capabilities", action="store_true", help="exec COMMAND without any")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    apply(Limits(args.cpu, args.memory, args.processes, args.file_size), args.student_uid)
    if args.sandbox:
        try:
            build_sandbox(args.scratch, args.hide, args.reach, args.student_uid)
        except (SandboxError, OSError) as exc:
            sys.exit(f"katakit.confine: the sandbox could not be built: {exc}")
    if shutil.which("setpriv"):
        dropped = ["--inh-caps=-all", "--bounding-set=-all"] if args.drop_capabilities else []
        command = ["setpriv", "--no-new-privs", *dropped, "--", *command]
    os.execvp(command[0], command)


# --- what this platform allows ------------------------------------------------------------------


@dataclass(frozen=True)
class Platform:
    """How the grader can confine student code here: namespaces, a uid of its own, neither."""

    namespaces: bool  # the run gets its own PID, mount, network and IPC namespaces
    student_uids: bool  # student code runs under a uid of its own
    secrets_hidden: bool  # student code cannot read the reference solutions
    missing: str = ""  # what could not be had, and why ("" when nothing is missing)

    @property
    def confined(self) -> bool:
        """Whether student code can neither reach the processes that judge it nor read the
        reference solutions: the grade of record's claim."""
        return self.student_uids and self.secrets_hidden

    def summary(self) -> str:
        """What held and what is missing, in a line: "confined: ..." or "unconfined: ...", in
        the current language (what the probe found stays as it said it)."""
        held = HELD[self.student_uids, self.namespaces]
        word = "CONFINE_CONFINED" if self.confined else "CONFINE_UNCONFINED"
        lang = i18n.language()
        missing = f"; {i18n.translate(self.missing, lang, list(MISSING))}" if self.missing else ""
        return f"{i18n.Text(i18n.COMMAND, word)}: {i18n.Text(i18n.COMMAND, held)}{missing}"

    @staticmethod
    @cache
    def probe(reference: Path, secrets: tuple[Path, ...]) -> Platform:
        """What this platform allows, tried once per process: `PROBE` run the way student code
        runs (see `Sandbox`), checking that it can run Python and cannot read `secrets`."""
        root = os.geteuid() == 0
        problems = []
        if shutil.which("unshare") and shutil.which("mount"):
            found = try_sandbox(reference, secrets, root, namespaces=True)
            if found.startswith("ok"):
                return Platform(True, root, True, "" if root else SHARED_UID)
            problems.append(f"{NO_NAMESPACES} ({found})")
        else:
            problems.append(f"{NO_NAMESPACES} ({NO_UNSHARE})")
        if not root:
            return Platform(False, False, False, "; ".join([*problems, SHARED_UID]))
        found = try_sandbox(reference, secrets, root, namespaces=False)
        if not found.startswith("ok"):
            problems.append(f"student code cannot run under a uid of its own ({found})")
            return Platform(False, False, False, "; ".join(problems))
        readable = found.removeprefix("ok").strip()
        if readable:
            problems.append(f"every user can read {readable}")
        return Platform(False, True, not readable, "; ".join(problems))


#: What held, by (a uid of its own, namespaces): a text of the `kata` command's catalogue.
HELD = {
    (True, True): "CONFINE_UID_AND_NAMESPACES",
    (True, False): "CONFINE_UID",
    (False, True): "CONFINE_NAMESPACES",
    (False, False): "CONFINE_AS_THE_GRADER",
}
#: What is missing without namespaces.
NO_NAMESPACES = i18n.Text(i18n.COMMAND, "CONFINE_NO_NAMESPACES", "en")
#: Why there are none.
NO_UNSHARE = i18n.Text(i18n.COMMAND, "CONFINE_NO_UNSHARE", "en")
#: Why a grader that is not root cannot give student code a uid of its own.
SHARED_UID = i18n.Text(i18n.COMMAND, "CONFINE_SHARED_UID", "en")
#: What the probe may find missing in words of the catalogue, which a summary translates.
MISSING = (NO_NAMESPACES, NO_UNSHARE, SHARED_UID)

#: Run as student code runs, in a probe (``python -c PROBE UID SECRET...``; UID "" for none):
#: prints "ok" and the secrets it can read, once it has imported and started what a run needs.
PROBE = """
import os, subprocess, sys
uid, secrets = sys.argv[1], sys.argv[2:]
if uid:
    os.setgroups([]); os.setgid(int(uid)); os.setuid(int(uid))
import katakit.judge.child, pytest
subprocess.run([sys.executable, "-c", "import katakit.judge.child"], check=True)
def seen(path):
    return os.access(path, os.R_OK) and not (os.path.isdir(path) and not os.listdir(path))
print("ok", " ".join(filter(seen, secrets)))
"""


def try_sandbox(reference: Path, secrets: tuple[Path, ...], root: bool, namespaces: bool) -> str:
    """Run PROBE as student code would run: "ok" and the secrets it could read, or what failed."""
    with student_uid_lease() if root else no_lease() as uid, tempfile.TemporaryFile() as output:
        sandbox = Sandbox(reference, secrets, uid, namespaces, Limits(), scratch=None)
        check = [sys.executable, "-c", PROBE, "" if uid is None else str(uid), *map(str, secrets)]
        try:
            returncode = sandbox.run(check, timeout=60, env=dict(os.environ), output=output)
        except OSError as exc:
            return str(exc)
        output.seek(0)
        lines = output.read().decode(errors="replace").strip().splitlines()
    if returncode == 0 and lines and lines[-1].startswith("ok"):
        return lines[-1]
    return lines[-1] if lines else f"exit code {returncode}"


# --- the grader's side --------------------------------------------------------------------------


_leased: set[int] = set()
_leases = threading.Lock()


def uid_is_free(uid: int) -> bool:
    """Whether no user has `uid` and no process runs under it."""
    try:
        pwd.getpwuid(uid)
    except KeyError:
        return not processes_of(uid)
    return False


@contextmanager
def student_uid_lease() -> Iterator[int]:
    """A uid of STUDENT_UIDS for one run, drawn at random, free of any user and process and of
    other runs."""
    draw = random.SystemRandom()
    with _leases:
        uid = draw.choice(STUDENT_UIDS)
        while uid in _leased or not uid_is_free(uid):
            uid = draw.choice(STUDENT_UIDS)
        _leased.add(uid)
    try:
        yield uid
    finally:
        with _leases:
            _leased.discard(uid)


@contextmanager
def no_lease() -> Iterator[None]:
    yield None


def python_paths() -> list[Path]:
    """What running this Python and this package needs to read: the executable's folder (as
    named, and where its link leads), the installation, its library folders and the folder
    katakit is imported from."""
    executable = Path(sys.executable)
    paths = [executable.parent, executable.resolve().parent, Path(sys.prefix)]
    paths.append(Path(sys.base_prefix))
    paths += [Path(sysconfig.get_path(n)) for n in ("stdlib", "platstdlib", "purelib", "platlib")]
    return [*paths, Path(__file__).resolve().parent.parent]


@dataclass
class Sandbox:
    """One confined run: how to start it, with what environment, and how to end all of it."""

    reference: Path  # the reference workspace (pytest's folder)
    hide: tuple[Path, ...]  # folders student code must not read
    uid: int | None  # the student's uid, or None
    namespaces: bool
    limits: Limits
    scratch: Path | None  # the folder the run writes (its kata root)
    marker: str = field(default_factory=lambda: uuid.uuid4().hex)
    process: subprocess.Popen = field(init=False)

    def __post_init__(self) -> None:
        if self.scratch is not None and self.uid is not None and not self.namespaces:
            write_tree(read_tree(self.scratch), self.uid)  # for the student to read, not change

    def command(self, command: list[str]) -> list[str]:
        """`command` run confined: through the launcher, inside ``unshare`` with namespaces."""
        launcher = [sys.executable, *LAUNCHER, *self.limits.arguments()]
        if self.uid is not None:
            launcher.append(f"--student-uid={self.uid}")
        if not self.namespaces:
            return [*launcher, "--", *command]
        launcher.append("--sandbox")
        if self.scratch is not None:
            launcher.append(f"--scratch={self.scratch}")
        launcher += [f"--hide={p}" for p in self.hide]
        launcher += [f"--reach={p}" for p in [*python_paths(), self.reference]]
        if self.uid is None:
            launcher.append("--drop-capabilities")
        unshare = ["unshare", *(() if os.geteuid() == 0 else USER_NAMESPACE), *NAMESPACES, "--"]
        return [*unshare, *launcher, "--", *command]

    def environment(self) -> dict[str, str]:
        """What the run's environment gets: the student's uid, or the marker of the run."""
        if self.uid is not None:
            return {STUDENT_UID: str(self.uid)}
        return {} if self.namespaces else {MARKER: self.marker}

    def end(self) -> None:
        """End every process the run started, and reap the command."""
        if self.namespaces:  # the namespace's init: every process of the run goes with it
            if self.process.poll() is None:
                for pid in children_of(self.process.pid):
                    kill(pid)
            self.process.wait()
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()
        if self.uid is not None:
            end_processes_of(self.uid)
        else:
            sweep(lambda: processes_with(f"{MARKER}={self.marker}"), kill)

    def run(
        self,
        command: list[str],
        *,
        timeout: float,
        env: dict[str, str],
        output: BinaryIO,
        pass_fds: Sequence[int] = (),
    ) -> int | None:
        """Run `command` confined, its standard output and error into `output` (a file: a
        process left running cannot keep a pipe open and stall the caller), and end everything
        it started. Returns its exit code (negative: the signal that killed it), or None when it
        passed `timeout` seconds and was killed."""
        self.process = subprocess.Popen(
            self.command(command),
            cwd=self.reference,
            env={**env, **self.environment()},
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            pass_fds=pass_fds,
        )
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None
        finally:
            self.end()


if __name__ == "__main__":
    main()
