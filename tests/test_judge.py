"""The judge and the plugin, run through pytester on a fake kata: each way student code can go
wrong ends as a failed test with its own message, and nothing it started outlives the test."""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from katakit import confine, i18n
from katakit.deadlines import SWITCH_ENV
from katakit.judge import child, launch, texts
from katakit.kept import flat, says

SCENARIOS = """
    import os
    from pathlib import Path

    import pytest


    def call(fake, name, *args):
        return getattr(fake, name)(*args)


    def record_pids(pids):
        Path(os.environ["PIDS_FILE"]).write_text(" ".join(map(str, pids)))
"""


def running(pid: int) -> bool:
    """Whether `pid` is a live process (a zombie waiting to be reaped is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def failure_text(result: pytest.RunResult) -> str:
    return flat(result.stdout.str())


def assert_says(result: pytest.RunResult, template: str) -> None:
    missing = says(result.stdout.str(), template)
    assert not missing, f"missing {missing!r} in:\n{result.stdout.str()}"


@pytest.fixture
def pids_file(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "pids"
    monkeypatch.setenv("PIDS_FILE", str(path))
    return path


def test_stuck_code_fails_with_its_threads_lines(pytester, fake_kata):
    # Rule: code that never returns fails at the deadline, with the hint and each thread's line.
    fake_kata(
        """
        import threading

        def deadlock():
            lock = threading.Lock()
            with lock:
                with lock:
                    return 1
        """,
        SCENARIOS
        + """
    def test_it(judge):
        judge.run(call, "deadlock", deadline=0.3, stuck="A Lock is not re-entrant.")
    """,
    )
    result = pytester.runpytest("99_fake")
    result.assert_outcomes(failed=1)
    assert_says(result, texts.STUCK)
    text = failure_text(result)
    assert "A Lock is not re-entrant." in text
    assert "thread 'MainThread':" in text and "fake.py:7 in deadlock(): with lock:" in text


def test_a_deadlock_found_in_the_child_reads_in_every_language(pytester, fake_kata):
    # Rule: the bubble's report crosses from the child whole, so the failure, and how the threads
    # interleaved, are given in Korean too.
    folder = fake_kata(
        """
        import threading

        def deadlock():
            lock = threading.Lock()
            with lock:
                with lock:
                    return 1
        """,
        SCENARIOS + '\n    def test_it(judge):\n        judge.run(call, "deadlock")\n',
    )
    with (folder / ".meta" / "kata.toml").open("a") as toml:
        toml.write("bubble = true\n")
    results = pytester.path / "results.json"
    pytester.runpytest("99_fake", f"--kata-results={results}").assert_outcomes(failed=1)
    test = json.loads(results.read_text())["tests"][0]
    messages, interleavings = test["messages"], test["interleavings"]
    for lang in ("en", "ko"):
        assert not says(messages[lang], texts.DEADLOCK.to(lang)), messages[lang]
        assert not says(interleavings[lang], texts.LANES.to(lang)), interleavings[lang]
    assert "thread 'MainThread' waits to acquire Lock #" in messages["en"]
    assert "스레드 'MainThread'이(가) fake.py:7 (`with lock:`)에서 Lock #" in messages["ko"]
    assert "Lock은(는) 재진입할 수 없으므로" in messages["ko"]


@pytest.mark.parametrize(
    "body, template",
    [
        pytest.param("os._exit(0)", texts.SILENT_EXIT, id="os-exit"),
        pytest.param("os.kill(os.getpid(), 9)", texts.SILENT_EXIT, id="killed"),
        pytest.param("raise NotImplementedError", texts.NOT_IMPLEMENTED, id="stub"),
        pytest.param("sys.exit(3)", texts.RAISED, id="sys-exit"),
        pytest.param("raise ValueError('bad value')", texts.RAISED, id="raises"),
    ],
)
def test_code_that_does_not_return_normally_fails_saying_how(pytester, fake_kata, body, template):
    # Rule: an exit without a report, a stub, sys.exit and an exception each fail with their message.
    fake_kata(
        f"""
        import os
        import sys

        def go():
            {body}
        """,
        SCENARIOS + '\n    def test_it(judge):\n        judge.run(call, "go")\n',
    )
    result = pytester.runpytest("99_fake")
    result.assert_outcomes(failed=1)
    assert_says(result, template)


def test_exception_in_a_thread_fails_at_once_naming_the_thread(pytester, fake_kata):
    # Rule: an exception escaping any thread of the student's code fails the test with its name.
    fake_kata(
        """
        import threading

        def go():
            def boom():
                raise ValueError("no good")
            thread = threading.Thread(target=boom, name="worker-1")
            thread.start()
            threading.Event().wait()
        """,
        SCENARIOS + '\n    def test_it(judge):\n        judge.run(call, "go", deadline=30)\n',
    )
    result = pytester.runpytest("99_fake")
    result.assert_outcomes(failed=1)
    assert "Thread 'worker-1' raised ValueError: no good" in failure_text(result)


def test_an_exception_with_no_line_of_the_students_file_is_not_blamed_on_it(pytester, fake_kata):
    # Rule: an exception of the main thread whose traceback holds no line of the student's file
    # (the scenario's own, reading what the code left) is said to be the test's, not the code's.
    fake_kata(
        """
        def go():
            return 7
        """,
        SCENARIOS
        + '\n    def look(fake):\n        return int(str(fake.go()) + "x")\n'
        + '\n    def test_it(judge):\n        judge.run(look)\n',
    )
    result = pytester.runpytest("99_fake")
    result.assert_outcomes(failed=1)
    text = failure_text(result)
    assert "The test, looking at what your code did, raised ValueError: invalid literal" in text
    assert "Your code raised" not in text


def test_import_error_fails_every_test_saying_so(pytester, fake_kata):
    # Rule: a student file that does not import fails each test with the import error.
    fake_kata("def broken(:\n", SCENARIOS + '\n    def test_it(judge):\n        judge.run(call, "go")\n')
    result = pytester.runpytest("99_fake")
    result.assert_outcomes(failed=1)
    assert_says(result, texts.IMPORT_FAILED)


def test_prints_reach_the_failure_report(pytester, fake_kata):
    # Rule: what the student's code prints, in the child and in its children, reaches the report.
    fake_kata(
        """
        import multiprocessing

        def shout():
            print("hello from the child")

        def go():
            shout()
            process = multiprocessing.get_context("spawn").Process(target=shout)
            process.start()
            process.join()
        """,
        SCENARIOS + '\n    def test_it(judge):\n        judge.run(call, "go")\n        assert False\n',
    )
    result = pytester.runpytest("99_fake")
    result.assert_outcomes(failed=1)
    assert result.stdout.str().count("hello from the child") == 2


def test_left_threads_and_processes_fail_the_test_and_are_killed(pytester, fake_kata, pids_file):
    # Rule: threads and processes left running fail the test by name, and no process survives it.
    fake_kata(
        """
        import multiprocessing
        import subprocess
        import sys
        import threading

        def wait_forever():
            threading.Event().wait()

        def go():
            threading.Thread(target=wait_forever, name="forgotten").start()
            process = multiprocessing.Process(target=wait_forever, name="orphan")
            process.start()
            popen = subprocess.Popen([sys.executable, "-c", "import threading; threading.Event().wait()"])
            return [process.pid, popen.pid]
        """,
        SCENARIOS
        + """
    def test_it(judge):
        record_pids(judge.run(call, "go"))
    """,
    )
    result = pytester.runpytest("99_fake")
    result.assert_outcomes(failed=1)
    text = failure_text(result)
    assert "left 1 thread(s) running" in text and "thread 'forgotten':" in text
    assert "left 1 process(es) running after it returned: orphan" in text
    pids = [int(pid) for pid in pids_file.read_text().split()]
    assert pids and not [pid for pid in pids if running(pid)]


def test_a_process_on_its_way_out_is_not_left_running(pytester, fake_kata):
    # Rule: outside a bubble, a process the code did not join is left running only if it has
    # not ended by itself within child.ENDING seconds: one still on its way out when the scenario
    # returns is not (whether it is, is the scheduler's choice); one that waits is.
    fake_kata(
        """
        import multiprocessing

        def go():
            context = multiprocessing.get_context("fork")
            ending, forgotten = context.Event(), context.Event()
            context.Process(target=ending.wait, name="ending").start()
            context.Process(target=forgotten.wait, name="waiting").start()
            ending.set()
            return 1
        """,
        SCENARIOS + '\n    def test_it(judge):\n        assert judge.run(call, "go") == 1\n',
    )
    result = pytester.runpytest("99_fake")
    result.assert_outcomes(failed=1)
    text = failure_text(result)
    assert "left 1 process(es) running after it returned: waiting (pid" in text, text


def test_in_a_bubble_a_thread_about_to_end_is_not_left_running(pytester, fake_kata):
    # Rule: in a bubble, the threads left running are counted once every thread waits or has
    # ended: one busy up to its end is not a leftover, one that waits is.
    folder = fake_kata(
        """
        import threading

        def count():
            total = 0
            for number in range(300_000):
                total += number

        def go():
            threading.Thread(target=count, name="ending").start()
            threading.Thread(target=threading.Event().wait, args=(1000,), name="waiting").start()
            return 1
        """,
        SCENARIOS + '\n    def test_it(judge):\n        assert judge.run(call, "go") == 1\n',
    )
    with (folder / ".meta" / "kata.toml").open("a") as toml:
        toml.write("bubble = true\n")
    result = pytester.runpytest("99_fake")
    result.assert_outcomes(failed=1)
    text = failure_text(result)
    assert "left 1 thread(s) running" in text and "thread 'waiting':" in text, text


def test_the_switch_interval_of_the_stress_runs_reaches_the_child(pytester, fake_kata, monkeypatch):
    # Rule: KATA_SWITCH_INTERVAL (kata stress --switch) sets the judge's child's switch interval.
    monkeypatch.setenv(SWITCH_ENV, "1e-05")
    fake_kata(
        "import sys\n\ndef interval():\n    return sys.getswitchinterval()\n",
        SCENARIOS + '\n    def test_it(judge):\n        assert judge.run(call, "interval") == pytest.approx(1e-05)\n',
    )
    pytester.runpytest("99_fake").assert_outcomes(passed=1)


def test_a_queue_feeder_thread_is_not_left_by_the_student(pytester, fake_kata):
    # Rule: the thread a put() on a multiprocessing Queue starts (its feeder) is no leftover.
    fake_kata(
        """
        import multiprocessing

        REPORTS = multiprocessing.Queue()

        def go():
            REPORTS.put(1)
            return 1
        """,
        SCENARIOS + '\n    def test_it(judge):\n        assert judge.run(call, "go") == 1\n',
    )
    result = pytester.runpytest("99_fake")
    result.assert_outcomes(passed=1)


REPORTING_MAIN = """
    import threading

    def worker(queue):
        queue.put("report")

    def main(context, extra, late):
        queue = context.Queue()
        processes = [context.Process(target=worker, args=(queue,)) for _ in range(2)]
        for process in processes:
            process.start()

        def put_late():
            for process in processes:
                process.join()
            queue.put("late")

        putter = threading.Thread(target=put_late)
        if late:
            putter.start()
        reports = [queue.get() for _ in range(2 + extra)]
        if late:
            putter.join()
        for process in processes:
            process.join()
        return len(reports)
    """
REPORTING_SCENARIOS = (
    SCENARIOS
    + """
    import multiprocessing

    from katakit.instruments import processes


    def run(fake, method, recording, extra, late):
        context = processes.RecordingContext(method) if recording else multiprocessing.get_context(method)
        return fake.main(context, extra, late)

    @pytest.mark.parametrize(
        "method, recording",
        [("fork", False), ("fork", True), ("forkserver", True), ("spawn", False), ("spawn", True)],
    )
    def test_it(judge, method, recording):
        assert judge.run(run, method, recording, EXTRA, LATE, deadline=30) == 2 + EXTRA
    """
)


@pytest.mark.parametrize(
    "extra, late, passed",
    [
        pytest.param(1, False, False, id="one-get-too-many"),
        pytest.param(0, False, True, id="as-many-gets-as-puts"),
        pytest.param(1, True, True, id="a-thread-puts-after-the-processes-end"),
    ],
)
def test_a_get_that_nothing_can_fill_fails_at_once_naming_its_line(
    pytester, fake_kata, extra, late, passed
):
    # Rule: a get() with no timeout on a multiprocessing queue (a RecordingContext's or a plain
    # context's), when every process the code started has ended, all they put was read and no
    # other thread can put, fails at once (not at its 30 s deadline), whatever the start method,
    # naming the line that waits; while a thread may still put, the get() waits for it.
    tests = REPORTING_SCENARIOS + f"\n    EXTRA, LATE = {extra}, {late}\n"
    fake_kata(REPORTING_MAIN, tests)
    result = pytester.runpytest("99_fake", "-rN")
    if passed:
        result.assert_outcomes(passed=5)
        return
    result.assert_outcomes(failed=5)
    assert_says(result, texts.STARVED)
    text = failure_text(result)
    assert text.count("thread 'MainThread' waits in Queue.get() at fake.py:21") == 5, text
    assert "did not finish within" not in text


def test_a_get_that_nothing_can_fill_names_the_processes_that_failed(pytester, fake_kata):
    # Rule: when a get() can never be filled, the report names each process started through a
    # recording context that ended with an error, with its exit code and the signal that killed
    # it: it may have died before it put its item.
    fake_kata(
        """
        import os
        import signal

        def die():
            os.kill(os.getpid(), signal.SIGKILL)

        def main(context):
            queue = context.Queue()
            process = context.Process(target=die, name="doomed")
            process.start()
            return queue.get()
        """,
        SCENARIOS
        + """
    from katakit.instruments import processes

    def run(fake):
        return fake.main(processes.RecordingContext("fork"))

    def test_it(judge):
        judge.run(run, deadline=30)
    """,
    )
    result = pytester.runpytest("99_fake")
    result.assert_outcomes(failed=1)
    assert_says(result, texts.STARVED)
    text = failure_text(result)
    assert "process 'doomed' ended with exit code -9, killed by SIGKILL" in text, text


def test_a_get_on_a_closed_queue_fails_as_it_would_outside_the_judge(pytester, fake_kata):
    # Rule: the judge's watch of get() leaves a closed queue's own error to the student.
    fake_kata(
        """
        import multiprocessing

        def go():
            queue = multiprocessing.Queue()
            queue.close()
            return queue.get()
        """,
        SCENARIOS + '\n    def test_it(judge):\n        judge.run(call, "go")\n',
    )
    result = pytester.runpytest("99_fake")
    result.assert_outcomes(failed=1)
    assert "ValueError: Queue " in failure_text(result) and " is closed" in failure_text(result)


@pytest.mark.parametrize(
    "gets, passed",
    [pytest.param(3, False, id="one-get-too-many"), pytest.param(2, True, id="as-many-gets-as-puts")],
)
def test_a_script_whose_get_nothing_can_fill_fails_at_once_naming_its_line(
    pytester, fake_kata, gets, passed
):
    # Rule: run as a script, under any start method, a program whose get() nothing can fill any
    # more fails at once (not at its 30 s deadline), naming the line that waits.
    fake_kata(
        f"""
        import multiprocessing

        def worker(queue):
            queue.put("report")

        def main():
            queue = multiprocessing.Queue()
            processes = [multiprocessing.Process(target=worker, args=(queue,)) for _ in range(2)]
            for process in processes:
                process.start()
            reports = [queue.get() for _ in range({gets})]
            for process in processes:
                process.join()
            print(len(reports))

        if __name__ == "__main__":
            main()
        """,
        SCENARIOS
        + """
    @pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
    def test_it(judge, method):
        judge.run_script(start_method=method, deadline=30)
    """,
    )
    result = pytester.runpytest("99_fake", "-rN")
    if passed:
        result.assert_outcomes(passed=3)
        return
    result.assert_outcomes(failed=3)
    text = failure_text(result)
    assert text.count("`python fake.py` can never finish: it waits for an item") == 3, text
    assert text.count("thread 'MainThread' waits in Queue.get() at fake.py:12") == 3, text


SPIN = "end = time.process_time() + {}\n    while time.process_time() < end:\n        pass"


@pytest.mark.parametrize(
    "work, scale, says",
    [
        pytest.param(SPIN.format(1.5), 1, None, id="busy-past-its-deadline-then-done"),
        pytest.param(SPIN.format("math.inf"), 0.1, texts.SCRIPT_BUSY, id="busy-without-end"),
        pytest.param("threading.Event().wait()", 0.5, texts.SCRIPT_STUCK, id="idle"),
    ],
)
def test_a_script_is_stopped_once_idle_past_its_deadline_or_busy_past_its_limit(
    pytester, fake_kata, monkeypatch, work, scale, says
):
    # Rule: a script that prints nothing past its deadline goes on while its processes use the
    # CPU (interpreters starting on a busy machine); it is stopped once they use none for its
    # deadline, or once its deadline plus the start limit have passed.
    fake_kata(
        """
        import math
        import multiprocessing
        import threading
        import time

        def work(queue):
            WORK
            queue.put("report")

        def main():
            queue = multiprocessing.Queue()
            process = multiprocessing.Process(target=work, args=(queue,))
            process.start()
            print(queue.get())
            process.join()

        if __name__ == "__main__":
            main()
        """.replace("WORK", work.replace("\n", "\n        ")),
        SCENARIOS
        + f'\n    def test_it(judge):\n        judge.run_script(start_method="spawn", deadline={1 / scale})\n',
    )
    # A deadline of 1 s once scaled, and the start limit scaled with it: 3 s at 0.1 (a busy
    # script is stopped soon), 15 s at 0.5 (an idle one has started long before).
    monkeypatch.setenv("KATA_TIMEOUT_SCALE", str(scale))
    result = pytester.runpytest("99_fake")
    if says is None:
        result.assert_outcomes(passed=1)
        return
    result.assert_outcomes(failed=1)
    assert_says(result, says)


def test_stuck_code_with_children_leaves_no_process_behind(pytester, fake_kata, pids_file):
    # Rule: killing stuck code kills every process it started.
    fake_kata(
        """
        import multiprocessing
        import os
        import threading
        from pathlib import Path

        def wait_forever():
            threading.Event().wait()

        def go():
            process = multiprocessing.Process(target=wait_forever)
            process.start()
            Path(os.environ["PIDS_FILE"]).write_text(str(process.pid))
            process.join()
        """,
        # The default deadline: the child's own process must have started by then, on a busy
        # machine too.
        SCENARIOS + '\n    def test_it(judge):\n        judge.run(call, "go")\n',
    )
    result = pytester.runpytest("99_fake")
    result.assert_outcomes(failed=1)
    assert_says(result, texts.STUCK)
    assert not running(int(pids_file.read_text()))


GROUP = """
import subprocess, sys
member = subprocess.Popen([sys.executable, "-c", "import threading; threading.Event().wait()"])
print(member.pid, flush=True)
sys.stdin.read()
"""


def test_ending_a_group_leaves_none_of_its_processes_running():
    # Rule: ending a process group returns only once each of its processes has finished exiting.
    with subprocess.Popen(
        [sys.executable, "-c", GROUP],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as leader:
        member = int(leader.stdout.readline())
        leader.kill()
    try:
        assert running(member)
        confine.end_group(leader.pid)
        assert not running(member)
    finally:
        confine.kill(member)


#: A message that sets Frame.__eq__ to None (pickle's BUILD on a class): after it, the judge's
#: records would compare as nothing does for the rest of the session.
SETS_STATE_ON_A_CLASS = (
    b"\x80\x04ckatakit.judge.child\nFrame\nN}X\x06\x00\x00\x00__eq__Ns\x86b."
)
JUDGE_TEXTS = Path(texts.__file__).with_name("texts.toml")


class Sent(str):
    """What a child could send in place of a text: `made` of its `arguments`."""

    def __new__(cls, made, *arguments):
        sent = super().__new__(cls, "x")
        sent.made, sent.arguments = made, arguments
        return sent

    def __reduce__(self):
        return self.made, self.arguments


def sent(made, *arguments) -> bytes:
    return pickle.dumps(Sent(made, *arguments))


@pytest.mark.parametrize(
    "data, refused",
    [
        pytest.param(
            lambda: sent(i18n.Rendered, Path("/tmp/x/.meta/messages.toml"), "K", {}, "en"),
            f"Rendered({Path('/tmp/x/.meta/messages.toml').resolve()}",
            id="foreign-catalogue",
        ),
        pytest.param(
            lambda: sent(i18n.Text, JUDGE_TEXTS, "FORGED", "../x"), "'../x'", id="foreign-language"
        ),
        pytest.param(lambda: pickle.dumps(eval), "builtins.eval", id="a-function"),
        pytest.param(lambda: pickle.dumps(range(10)), "builtins.range", id="a-range"),
        pytest.param(lambda: SETS_STATE_ON_A_CLASS, "state set on type", id="state-on-a-class"),
    ],
)
def test_pytest_takes_only_plain_values_and_the_judges_records(data, refused):
    # Rule: unpickling what a child sent never runs or changes code in pytest: a function, a
    # text of a catalogue or a language pytest does not know, a range (whose Counter would hold
    # pytest), state set on a class are refused.
    eq = child.Frame.__eq__
    with pytest.raises(launch.NotPlain, match=re.escape(refused)):
        launch.SafeUnpickler(data(), "student").load()
    assert child.Frame.__eq__ is eq


#: The pipes this process holds both ends of (by inode): the judge's, in a child that kept
#: the read end a fork gave it.
READS_ITS_OWN_PIPE = """
import os
import stat

def readable_pipes():
    ends = {}
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        try:
            info = os.fstat(fd)
            flags = int(open(f"/proc/self/fdinfo/{fd}").read().split("flags:")[1].split()[0], 8)
        except OSError:
            continue
        if stat.S_ISFIFO(info.st_mode):
            ends.setdefault(info.st_ino, set()).add(flags & os.O_ACCMODE)
    return [inode for inode, modes in ends.items() if os.O_WRONLY in modes and len(modes) > 1]
"""


#: Writes a message of multiprocessing's framing (a length, then the bytes) on every pipe it may
#: write to, the judge's among them, then exits as if it had reported.
WRITES_ON_EVERY_PIPE = """
import os
import stat
import struct

def forge():
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode):
                os.write(fd, struct.pack("!i", 6) + b"passed")
        except OSError:
            continue
    os._exit(0)
"""


def test_a_message_without_the_runs_token_fails_as_forged(pytester, fake_kata):
    # Rule: what the code under test writes on the judge's pipe is no message of the judge's: it
    # lacks the run's token, and the test fails as forged.
    fake_kata(WRITES_ON_EVERY_PIPE, SCENARIOS + '\n    def test_it(judge):\n        judge.run(call, "forge")\n')
    result = pytester.runpytest("99_fake")
    result.assert_outcomes(failed=1)
    assert_says(result, texts.FORGED)


@pytest.mark.skipif(not Path("/proc/self/fdinfo").is_dir(), reason="reads /proc/self/fdinfo")
@pytest.mark.parametrize("start", ["fork", "forkserver", "spawn"])
def test_the_child_holds_no_read_end_of_a_pipe(pytester, fake_kata, start):
    # Rule: the code under test cannot read the judge's messages (and the run's token in them):
    # a forked child closes the read end of its pipe that it inherited.
    fake_kata(
        READS_ITS_OWN_PIPE,
        SCENARIOS + '\n    def test_it(judge):\n        assert judge.run(call, "readable_pipes") == []\n',
    )
    result = pytester.runpytest_subprocess("99_fake", f"--judge-start={start}")
    result.assert_outcomes(passed=1)


REPLACES = """
import pickle
import threading
from multiprocessing import connection

def put(where, name, value):
    setattr(where, name, value)

def answer():
    return 42

def rewrite_pickle():
    original = pickle.dumps
    put(pickle, "dumps", lambda message, *args: original(("result", 43), *args))
    return 42

def steal_the_token():
    put(connection.Connection, "send_bytes", lambda self, data: None)
    return 42

def hide_threads():
    put(threading, "enumerate", lambda: [threading.main_thread()])
    return 42
"""


@pytest.mark.parametrize(
    "how",
    [
        pytest.param("rewrite_pickle", id="pickle.dumps"),
        pytest.param("steal_the_token", id="a-connections-send_bytes"),
        pytest.param("hide_threads", id="threading.enumerate"),
    ],
)
def test_code_that_replaces_what_the_child_runs_fails_as_forged(pytester, fake_kata, how):
    # Rule: with the guard on (as the grader runs pytest), code under test that replaces a
    # function of the standard library or of the judge, however it reaches it, changes nothing
    # the child sends, and the test fails as forged.
    fake_kata(
        REPLACES,
        SCENARIOS + f'\n    def test_it(judge):\n        assert judge.run(call, "{how}") == 42\n',
    )
    result = pytester.runpytest("99_fake", "--kata-guard")
    result.assert_outcomes(failed=1)
    assert_says(result, texts.REPLACED)


@pytest.mark.parametrize("start", ["fork", "forkserver", "spawn"])
def test_the_childs_process_object_keeps_no_argument(pytester, fake_kata, start):
    # Rule: the process object of the judge's child keeps none of its arguments (the pipe, the
    # request and its token), which student code could read.
    fake_kata(
        "import multiprocessing\n\ndef arguments():\n    me = multiprocessing.current_process()\n    return [repr(me._args), repr(me._kwargs)]\n",
        SCENARIOS + '\n    def test_it(judge):\n        assert judge.run(call, "arguments") == ["()", "{}"]\n',
    )
    pytester.runpytest_subprocess("99_fake", f"--judge-start={start}").assert_outcomes(passed=1)


PATCHING_SCENARIOS = """
import multiprocessing


def patch_then_call(fake):
    start = multiprocessing.process.BaseProcess.start
    multiprocessing.process.BaseProcess.start = lambda process: start(process)
    return fake.answer()
"""


@pytest.mark.parametrize("start", ["fork", "forkserver", "spawn"])
def test_what_a_scenario_puts_in_place_is_no_replacement(pytester, fake_kata, start):
    # Rule: a function of the kata's scenarios that the scenario puts in place of the standard
    # library's is the judge's own code, not the student's, however the child started (one that
    # did not inherit the scenarios' module loads it only once the scenario runs).
    folder = fake_kata(
        REPLACES,
        "from katakit import rules\nS = rules.scenarios(__file__)\n\n"
        "def test_it(judge):\n    assert judge.run(S.patch_then_call) == 42\n",
    )
    (folder / ".meta" / "scenarios.py").write_text(PATCHING_SCENARIOS)
    pytester.runpytest_subprocess("99_fake", f"--judge-start={start}", "--kata-guard").assert_outcomes(passed=1)


def test_code_that_replaces_nothing_passes(pytester, fake_kata):
    # Rule: the check of what code under test replaced passes on code that replaces nothing.
    fake_kata(REPLACES, SCENARIOS + '\n    def test_it(judge):\n        assert judge.run(call, "answer") == 42\n')
    pytester.runpytest("99_fake", "--kata-guard").assert_outcomes(passed=1)


def test_a_student_object_is_never_unpickled_in_pytest(pytester, fake_kata):
    # Rule: a scenario that returns an object of the student's module fails; it is not loaded here.
    fake_kata(
        "class Thing:\n    pass\n\ndef go():\n    return Thing()\n",
        SCENARIOS + '\n    def test_it(judge):\n        judge.run(call, "go")\n',
    )
    result = pytester.runpytest("99_fake")
    result.assert_outcomes(failed=1)
    assert_says(result, texts.TOUCHED_STUDENT_CLASS)


@pytest.mark.parametrize("start", ["fork", "forkserver", "spawn"])
def test_every_start_method_of_the_judge_gives_the_same_verdicts(pytester, fake_kata, start):
    # Rule: whichever way the judge starts its child, a right answer passes and a stuck one fails.
    fake_kata(
        "import threading\n\ndef one():\n    return 1\n\ndef hang():\n    threading.Event().wait()\n",
        SCENARIOS
        + """
    def test_passes(judge):
        assert judge.run(call, "one") == 1

    def test_stuck(judge):
        judge.run(call, "hang", deadline=0.3)
    """,
    )
    result = pytester.runpytest("99_fake", f"--judge-start={start}")
    result.assert_outcomes(passed=1, failed=1)
    assert_says(result, texts.STUCK)


@pytest.mark.parametrize("start", ["fork", "forkserver", "spawn"])
def test_the_students_default_start_method_is_the_platforms_whatever_started_the_judge(
    pytester, fake_kata, start
):
    # Rule: the student's code sees the start method `python worker.py` would see, not the one
    # that made the judge's child (which a spawned or forkserver's child would otherwise inherit).
    fresh = subprocess.run(
        [sys.executable, "-c", "import multiprocessing; print(multiprocessing.get_start_method())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    fake_kata(
        "import multiprocessing\n\ndef method():\n    return multiprocessing.get_start_method()\n",
        SCENARIOS + f'\n    def test_it(judge):\n        assert judge.run(call, "method") == {fresh!r}\n',
    )
    pytester.runpytest("99_fake", f"--judge-start={start}").assert_outcomes(passed=1)


def test_deadline_scale_comes_from_the_environment_before_the_ini(pytester, fake_kata, monkeypatch):
    # Rule: KATA_TIMEOUT_SCALE wins over the ini option kata_timeout_scale, and scales deadlines.
    fake_kata(
        "import threading\n\ndef hang():\n    threading.Event().wait()\n",
        SCENARIOS + '\n    def test_it(judge):\n        judge.run(call, "hang", deadline=0.2)\n',
    )
    pytester.makeini("[pytest]\nkata_timeout_scale = 3\n")
    assert "within 0.6 s" in failure_text(pytester.runpytest("99_fake"))
    monkeypatch.setenv("KATA_TIMEOUT_SCALE", "2")
    assert "within 0.4 s" in failure_text(pytester.runpytest("99_fake"))


def test_deadline_counts_from_the_childs_start_not_from_its_launch(pytester, fake_kata, monkeypatch):
    # Rule: a child slower to start than the whole (scaled) limit is the machine's fault, never a
    # stuck import. The scale makes the start limit 3 ms; a spawned interpreter takes far longer.
    fake_kata(
        "def one():\n    return 1\n",
        SCENARIOS + '\n    def test_it(judge):\n        judge.run(call, "one")\n',
    )
    monkeypatch.setenv("KATA_TIMEOUT_SCALE", "0.0001")
    result = pytester.runpytest("99_fake", "--judge-start=spawn")
    result.assert_outcomes(failed=1)
    assert_says(result, texts.SLOW_START)
    assert "Importing fake.py" not in result.stdout.str()


def test_a_child_that_ends_before_it_is_ready_is_not_called_slow(pytester, fake_kata):
    # Rule: a child that exits before it is ready (here it cannot load the scenario) exited; it
    # was not slow to start.
    fake_kata(
        "def one():\n    return 1\n",
        SCENARIOS
        + f"""
    if os.getpid() != {os.getpid()}:  # not this pytest: the spawned child, loading the scenario
        raise SystemExit(3)

    def test_it(judge):
        judge.run(call, "one")
    """,
    )
    result = pytester.runpytest("99_fake", "--judge-start=spawn")
    result.assert_outcomes(failed=1)
    assert_says(result, texts.SILENT_EXIT)


def test_results_file_gives_each_verdict_and_its_kind(pytester, fake_kata):
    # Rule: --kata-results writes every test's outcome, failure kind, teaching message and time.
    fake_kata(
        "import threading\n\ndef one():\n    return 1\n\ndef hang():\n    threading.Event().wait()\n",
        SCENARIOS
        + """
    def test_passes(judge):
        assert judge.run(call, "one") == 1

    def test_wrong(judge):
        assert judge.run(call, "one") == 2, "expected two"

    def test_stuck(judge):
        judge.run(call, "hang", deadline=0.2)
    """,
    )
    results = pytester.path / "results.json"
    pytester.runpytest("99_fake", f"--kata-results={results}")
    tests = {t["name"]: t for t in json.loads(results.read_text())["tests"]}
    assert (tests["test_passes"]["outcome"], tests["test_passes"]["kind"]) == ("passed", None)
    assert (tests["test_wrong"]["kind"], tests["test_wrong"]["message"]) == ("assertion", "expected two")
    assert tests["test_stuck"]["kind"] == "stuck"
    # A stuck test took its deadline at least; pytest timed each test's call.
    assert tests["test_stuck"]["seconds"] >= 0.2
    assert all(test["seconds"] > 0 for test in tests.values())


def judged_in_both_languages(pytester, fake_kata, tests: str, english: str, korean: str) -> dict:
    """Run a fake kata whose test source is `tests` (after the shared scenarios and `M`, its
    messages), its catalogue `english` and `korean`; the results' entry of its one test."""
    folder = fake_kata(
        "def one():\n    return 1\n",
        SCENARIOS + "\n    from katakit import rules\n\n    M = rules.messages(__file__)\n" + tests,
    )
    (folder / ".meta" / "messages.toml").write_text(english)
    (folder / ".meta" / "messages.ko.toml").write_text(korean)
    results = pytester.path / "results.json"
    pytester.runpytest("99_fake", f"--kata-results={results}")
    [test] = json.loads(results.read_text())["tests"]
    return test


def test_a_message_of_several_lines_is_given_as_written_in_every_language(pytester, fake_kata):
    # Rule: a teaching message of several lines reaches the results as its catalogue renders it,
    # in each language (pytest's indentation of an assert message's later lines taken off).
    test = judged_in_both_languages(
        pytester,
        fake_kata,
        """
    def test_wrong(judge):
        got = judge.run(call, "one")
        assert got == 2, M.PAIRS.format(got=got)
    """,
        'PAIRS = """got:\n  {got}\nexpected:\n  2"""\n',
        'PAIRS = """받은 값:\n  {got}\n기대한 값:\n  2"""\n',
    )
    assert test["messages"] == {"en": "got:\n  1\nexpected:\n  2", "ko": "받은 값:\n  1\n기대한 값:\n  2"}


def test_a_message_raised_in_the_child_is_given_in_every_language(pytester, fake_kata):
    # Rule: a teaching message that scenario code raises in the judge's child (a kata's rendered
    # text in an exception) reaches the results in each language, not only the one it was made in.
    test = judged_in_both_languages(
        pytester,
        fake_kata,
        """
    def refuse(fake):
        raise RuntimeError(M.REFUSED.format(n=fake.one()))

    def test_refused(judge):
        judge.run(refuse)
    """,
        'REFUSED = "refused {n}"\n',
        'REFUSED = "{n} 거절"\n',
    )
    assert "refused 1" in test["messages"]["en"] and "1 거절" in test["messages"]["ko"], test


def test_a_rule_is_given_in_every_language(pytester, fake_kata):
    # Rule: a failed test's rule is given in each language: its docstring in English, its line of
    # the kata's rules catalogue (.meta/rules.ko.toml) in Korean.
    folder = fake_kata(
        "def one():\n    return 1\n",
        SCENARIOS
        + """
    def test_two(judge):
        \"\"\"It returns two.\"\"\"
        assert judge.run(call, "one") == 2
    """,
    )
    (folder / ".meta" / "rules.ko.toml").write_text('test_two = "2를 반환합니다."\n')
    results = pytester.path / "results.json"
    pytester.runpytest("99_fake", f"--kata-results={results}")
    [test] = json.loads(results.read_text())["tests"]
    assert test["rules"] == {"en": "It returns two.", "ko": "2를 반환합니다."}


def test_judge_works_under_xdist(pytester, fake_kata):
    # Rule: under pytest -n 2 (threads in each worker) the judge still gives the same verdicts.
    fake_kata(
        "def one():\n    return 1\n",
        SCENARIOS
        + "".join(
            f"\n    def test_{i}(judge):\n        assert judge.run(call, 'one') == 1\n" for i in range(4)
        ),
    )
    result = pytester.runpytest_subprocess("99_fake", "-n", "2", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)


def test_no_process_of_the_run_outlives_it(pytester, fake_kata, monkeypatch):
    # Rule: after a session with stuck and leftover children, none of the run's processes remain.
    fake_kata(
        "import threading\n\ndef hang():\n    threading.Event().wait()\n",
        SCENARIOS + '\n    def test_it(judge):\n        judge.run(call, "hang", deadline=0.2)\n',
    )
    marker = f"KATA_RUN_MARKER={os.getpid()}-{id(pytester)}"
    monkeypatch.setenv(*marker.split("=", 1))
    result = pytester.runpytest_subprocess("99_fake", "--judge-start=forkserver")
    result.assert_outcomes(failed=1)
    assert not [pid for pid in processes_with(marker) if running(pid)]


FORKSERVER_USER = """
import multiprocessing
import threading

def wait_forever():
    threading.Event().wait()

def go():
    process = multiprocessing.get_context("forkserver").Process(target=wait_forever, daemon=True)
    process.start()

if __name__ == "__main__":
    go()
    threading.Event().wait()  # stuck: killed, it removes nothing itself
"""


@pytest.mark.parametrize("start", ["fork", "forkserver", "spawn"])
def test_no_temporary_file_of_the_run_outlives_it(pytester, fake_kata, monkeypatch, start):
    # Rule: the temporary files of killed code and scripts (a fork server's socket folder) go
    # with them.
    fake_kata(
        FORKSERVER_USER,
        SCENARIOS
        + f"""
    def test_leftover(judge):
        judge.run(call, "go", deadline=30)  # starting a fork server on a loaded machine

    def test_script(judge):
        judge.run_script(start_method="{start}", deadline=1)
""",
    )
    # A short path: a fork server's socket goes in it, and a socket's path has at most 107 bytes.
    temporary = Path(tempfile.mkdtemp(prefix="kata-test-"))
    monkeypatch.setenv("TMPDIR", str(temporary))
    try:
        result = pytester.runpytest_subprocess(
            "99_fake", f"--judge-start={start}", f"--basetemp={pytester.path / 'basetemp'}"
        )
        left = sorted(path.name for path in temporary.iterdir())
    finally:
        shutil.rmtree(temporary)
    result.assert_outcomes(failed=2)
    assert_says(result, texts.LEFTOVER_PROCESSES)
    assert left == []


KEEPS_A_QUEUE = """
import multiprocessing
import os
import signal
from multiprocessing import resource_tracker

KEPT = []

def names(method):
    queue = multiprocessing.get_context(method).Queue()
    KEPT.append(queue)  # alive when the judge kills the child: its semaphores are not removed
    # The resource tracker ends as the judge would end it, before it could remove them.
    tracker = resource_tracker._resource_tracker._pid
    os.kill(tracker, signal.SIGKILL)
    os.waitpid(tracker, 0)
    return [lock._semlock.name for lock in (queue._rlock, queue._wlock, queue._sem) if lock]
"""


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="named semaphores are files in /dev/shm")
@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_no_semaphore_of_the_run_outlives_it(pytester, fake_kata, monkeypatch, method):
    # Rule: the named semaphores the code made (a Queue of a spawn or forkserver context) are
    # removed once the judge has killed the child and its resource tracker.
    fake_kata(
        KEEPS_A_QUEUE,
        SCENARIOS
        + f"""
    def test_queue(judge):
        names = judge.run(call, "names", "{method}")
        Path(os.environ["NAMES_FILE"]).write_text(" ".join(names))
""",
    )
    listed = pytester.path / "names"
    monkeypatch.setenv("NAMES_FILE", str(listed))
    result = pytester.runpytest_subprocess("99_fake")
    result.assert_outcomes(passed=1)
    names = listed.read_text().split()
    assert names and all(name.startswith("/mp-") for name in names), names
    assert [n for n in names if Path("/dev/shm", "sem." + n[1:]).exists()] == []


def processes_with(entry: str) -> list[int]:
    """The processes whose environment holds `entry` (inherited by every descendant)."""
    pids = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if entry.encode() in environ.read_bytes().split(b"\0"):
                pids.append(int(environ.parent.name))
        except OSError:
            continue
    return [pid for pid in pids if pid != os.getpid()]


def test_a_module_that_hangs_at_import_is_judged_once(pytester, fake_kata):
    # Rule: a module stuck at import fails every test, judged once for the whole session.
    fake_kata(
        "import threading\n\nthreading.Event().wait()\n",
        SCENARIOS
        + "".join(f'\n    def test_{i}(judge):\n        judge.run(call, "go", deadline=0.3)\n' for i in range(3)),
    )
    results = pytester.path / "results.json"
    result = pytester.runpytest("99_fake", f"--kata-results={results}")
    result.assert_outcomes(failed=3)
    assert_says(result, texts.STUCK_AT_IMPORT)
    tests = json.loads(results.read_text())["tests"]
    assert [(t["kind"], t["message"].startswith("Importing fake.py did not finish")) for t in tests] == [
        ("stuck", True)
    ] * 3


def test_student_forkserver_works_after_the_judge_used_one(pytester, fake_kata):
    # Rule: once the judge has a fork server, later children still start the student's own one.
    fake_kata(
        """
        import multiprocessing
        import os

        def child_pid():
            context = multiprocessing.get_context("forkserver")
            queue = context.SimpleQueue()
            process = context.Process(target=queue.put, args=(1,))
            process.start()
            process.join()
            return queue.get()
        """,
        SCENARIOS
        + """
    import pytest

    @pytest.mark.parametrize("start", ["forkserver", "auto"])
    def test_it(judge, start):
        judge.start_method = start
        assert judge.run(call, "child_pid", deadline=10) == 1
    """,
    )
    pytester.runpytest("99_fake").assert_outcomes(passed=2)
