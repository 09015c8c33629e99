"""The bubble, as a thread kata's code meets it: small programs run as scripts in a bubble (through
the judge's own runscript), one per behaviour. Time in a bubble is virtual: a wait of minutes
costs nothing real, so none of these programs waits for real time to pass."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from katakit.instruments import bubble
from katakit.judge.script import FOUND_EXIT, found_in

#: Seconds a program may take before the test gives up on it (a broken bubble would hang).
BACKSTOP = 60


def run(
    tmp_path: Path, program: str, spin: float = 1.0, block: float = 2.0, lang: str | None = None
) -> subprocess.CompletedProcess:
    """`program` run as a script in a bubble with these limits (in the language `lang`, if
    given)."""
    script = tmp_path / "program.py"
    script.write_text(textwrap.dedent(program))
    command = [sys.executable, "-m", "katakit.judge.runscript", "--bubble", str(spin), str(block)]
    environ = {**os.environ, "KATA_LANG": lang} if lang else None
    return subprocess.run(
        [*command, str(script)],
        capture_output=True,
        text=True,
        timeout=BACKSTOP,
        cwd=tmp_path,
        env=environ,
    )


def stuck(result: subprocess.CompletedProcess, kind: str) -> str:
    """The bubble's report of a program it found stuck as `kind`, folded onto one line."""
    assert result.returncode == FOUND_EXIT, result.stderr
    found, text = found_in(result.stderr)
    assert found == kind, result.stderr
    return " ".join(text.split())


@pytest.mark.parametrize(
    "wait",
    [
        pytest.param("threading.Event().wait(100)", id="event"),
        pytest.param("time.sleep(100)", id="sleep"),  # blocked-wait: virtual, in the bubble
        pytest.param(
            "c = threading.Condition(); c.acquire(); c.wait_for(lambda: False, 100)", id="wait-for"
        ),
        pytest.param("threading.Semaphore(0).acquire(timeout=100)", id="semaphore"),
        pytest.param("lock = threading.Lock(); lock.acquire(); lock.acquire(timeout=100)", id="lock"),
    ],
)
def test_a_timed_wait_costs_no_real_time(tmp_path, wait):
    """A wait with a timeout, when nothing else can happen, ends at once on the virtual clock."""
    result = run(
        tmp_path,
        f"""
        import threading, time
        start = time.monotonic()
        {wait}
        print(time.monotonic() - start)
        """,
    )
    assert result.stdout.split() == ["100.0"], result.stderr


def test_virtual_time_moves_only_when_every_thread_waits(tmp_path):
    """The clock jumps to the earliest timeout once every thread waits, in order of deadlines."""
    result = run(
        tmp_path,
        """
        import threading, time
        start = time.monotonic()
        seen = []
        def sleeper(seconds):
            time.sleep(seconds)  # blocked-wait: virtual, in the bubble
            seen.append((seconds, time.monotonic() - start))
        threads = [threading.Thread(target=sleeper, args=(s,)) for s in (30, 10, 20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print(seen)
        """,
    )
    assert result.stdout.strip() == "[(10, 10.0), (20, 20.0), (30, 30.0)]", result.stderr



@pytest.mark.parametrize(
    "clock",
    [
        pytest.param("time.monotonic()", id="monotonic"),
        pytest.param("time.time()", id="time"),
        pytest.param("time.perf_counter()", id="perf-counter"),
        pytest.param("time.monotonic_ns() / 1e9", id="monotonic-ns"),
        pytest.param("time.clock_gettime(time.CLOCK_MONOTONIC)", id="clock-gettime-monotonic"),
        pytest.param("time.clock_gettime(time.CLOCK_REALTIME)", id="clock-gettime-realtime"),
        pytest.param(
            "time.clock_gettime_ns(time.CLOCK_MONOTONIC) / 1e9", id="clock-gettime-ns-monotonic"
        ),
    ],
)
def test_every_clock_a_deadline_may_be_read_from_is_virtual(tmp_path, clock):
    """Each clock a program may compute a deadline with reads the bubble's time: a sleep of 100
    seconds moves it by exactly 100."""
    result = run(
        tmp_path,
        f"""
        import time
        start = {clock}
        time.sleep(100)  # blocked-wait: virtual, in the bubble
        print(round({clock} - start, 3))
        """,
    )
    assert result.stdout.split() == ["100.0"], result.stderr


def test_the_wall_clock_set_back_leaves_the_monotonic_clocks_alone(tmp_path):
    """`set_wall_clock_back(s)` moves time.time() and CLOCK_REALTIME back by exactly s seconds;
    time.monotonic() and CLOCK_MONOTONIC go on from where they were."""
    program = """
        import time
        from katakit.instruments import bubble
        clocks = (time.time, time.monotonic, lambda: time.clock_gettime(time.CLOCK_REALTIME),
                  lambda: time.clock_gettime(time.CLOCK_MONOTONIC))
        before = [clock() for clock in clocks]
        bubble.BUBBLE.set_wall_clock_back(3600)
        time.sleep(1)  # blocked-wait: virtual, in the bubble
        print([after - then for after, then in zip([clock() for clock in clocks], before)])
    """
    result = run(tmp_path, program)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[-3599.0, 1.0, -3599.0, 1.0]", result.stdout


@pytest.mark.parametrize(
    "look",
    [
        pytest.param("cond.wait(0)", id="condition-wait"),
        pytest.param("held.acquire(False)", id="lock-try"),
        pytest.param("held.acquire(timeout=0)", id="lock-timeout-zero"),
        pytest.param("time.sleep(0)", id="sleep-zero"),  # blocked-wait: virtual, in the bubble
    ],
)
def test_a_wait_that_does_not_wait_moves_the_clock_a_nanosecond(tmp_path, look):
    """A wait that returns at once (its timeout 0, nothing ready) moves the clock by a nanosecond,
    as a real clock moves on between two looks."""
    result = run(
        tmp_path,
        f"""
        import threading, time
        cond = threading.Condition()
        held = threading.Lock()
        held.acquire()
        start = time.monotonic()
        with cond:
            for _ in range(1000):
                {look}
        print(round((time.monotonic() - start) * 1e6, 2))
        """,
    )
    assert result.stdout.split() == ["1.0"], result.stderr

def test_the_primitives_behave_as_the_real_ones(tmp_path):
    """Locks, conditions, semaphores, barriers, queues and joins keep their contract."""
    result = run(
        tmp_path,
        """
        import queue, threading
        lock = threading.Lock()
        assert lock.acquire() and not lock.acquire(False) and not lock.acquire(True, 5)
        lock.release()
        try:
            lock.release()
        except RuntimeError as exc:
            print("lock:", exc)
        rlock = threading.RLock()
        with rlock, rlock:
            pass
        try:
            rlock.release()
        except RuntimeError as exc:
            print("rlock:", exc)
        condition = threading.Condition()
        woken = []
        def waiter():
            with condition:
                woken.append(condition.wait(50))
        waiters = [threading.Thread(target=waiter) for _ in range(3)]
        for thread in waiters:
            thread.start()
        threading.Event().wait(1)  # virtual: over once every waiter waits
        with condition:
            condition.notify(2)
        for thread in waiters:
            thread.join()
        print("condition:", sorted(woken))
        bounded = threading.BoundedSemaphore(1)
        try:
            bounded.release()
        except ValueError:
            print("bounded: over-released")
        barrier = threading.Barrier(2)
        arrived = []
        party = threading.Thread(target=lambda: arrived.append(barrier.wait()))
        party.start()
        arrived.append(barrier.wait())
        party.join()
        print("barrier:", sorted(arrived))
        q = queue.Queue(maxsize=1)
        q.put(1)
        try:
            q.put(2, timeout=5)
        except queue.Full:
            print("queue: full")
        simple = queue.SimpleQueue()
        try:
            simple.get(timeout=5)
        except queue.Empty:
            print("simple: empty")
        blocked = threading.Thread(target=threading.Event().wait, daemon=True)
        blocked.start()
        blocked.join(5)
        print("join: alive", blocked.is_alive())
        """,
    )
    assert result.stdout.splitlines() == [
        "lock: release unlocked lock",
        "rlock: cannot release un-acquired lock",
        "condition: [False, True, True]",
        "bounded: over-released",
        "barrier: [0, 1]",
        "queue: full",
        "simple: empty",
        "join: alive True",
    ], result.stderr


@pytest.mark.parametrize(
    "wait",
    [
        pytest.param("threading.Lock().acquire(timeout=math.inf)", id="lock"),
        pytest.param("threading.Event().wait(1e10)", id="event"),
        pytest.param("time.sleep(math.inf)", id="sleep"),  # blocked-wait: it raises at once
        pytest.param("queue.SimpleQueue().get(timeout=math.inf)", id="simple-queue"),
        pytest.param("threading.Thread(target=lambda: None).start() or None", id="nothing"),
    ],
)
def test_a_timeout_too_large_for_the_real_waits_raises_as_they_do(tmp_path, wait):
    """A timeout over threading.TIMEOUT_MAX raises OverflowError in the bubble, as it does
    outside it; a wait within it does not."""
    program = f"""
        import math, queue, threading, time
        try:
            {wait}
            print("waited")
        except OverflowError:
            print("OverflowError")
        """
    real = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(program)],
        capture_output=True, text=True, timeout=BACKSTOP,
    )
    result = run(tmp_path, program)
    assert result.stdout.split() == real.stdout.split(), result.stderr


#: A program that takes a Lock it holds.
LOCK_TAKEN_TWICE = """
    import threading
    lock = threading.Lock()
    with lock:
        with lock:
            pass
    """


#: Three threads that take turns on one lock and one queue without ever having to wait for them,
#: and print what each did in the order it did it, with the switch interval the program is given.
TAKING_TURNS = """
    import queue, sys, threading
    sys.setswitchinterval({interval})
    lock, items, order = threading.Lock(), queue.Queue(), []

    def work(name):
        for i in range(300):
            with lock:
                order.append(name)
            items.put(i)
            if i % 7 == 0:
                items.get()
            sum(range(200))  # Python code, where the interpreter may switch threads

    threads = [threading.Thread(target=work, args=(n,), name=n) for n in "abc"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("".join(order))
"""


def test_threads_interleave_the_same_way_on_every_run(tmp_path):
    """One thread of the bubble runs at a time, and the turn passes at the bubble's calls only:
    the threads interleave the same way on every run, whatever the interpreter's switch
    interval."""
    runs = [
        run(tmp_path, TAKING_TURNS.format(interval=interval)).stdout
        for interval in (0.005, 1e-6, 0.005, 1e-6)
    ]
    assert len(runs[0]) == 900 + 1 and len(set(runs)) == 1, runs
    assert runs[0].count("a") == runs[0].count("b") == 300


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="no CPU affinity here")
def test_a_bubble_and_its_threads_run_on_one_core_of_those_allowed(tmp_path):
    """A program in a bubble, and the threads it starts, keep to one core of those allowed."""
    allowed = os.sched_getaffinity(0)
    program = """
        import os, threading
        print(sorted(os.sched_getaffinity(0)))
        thread = threading.Thread(target=lambda: print(sorted(os.sched_getaffinity(0))))
        thread.start()
        thread.join()
    """
    result = run(tmp_path, program)
    assert result.returncode == 0, result.stderr
    main, started = result.stdout.splitlines()
    cores = json.loads(main)
    assert main == started and len(cores) == 1 and set(cores) <= allowed, result.stdout


@pytest.mark.parametrize(
    "loop",
    [
        pytest.param("while not lock.acquire(blocking=False):\n    pass", id="failed-tries"),
        pytest.param(
            "while True:\n    with other:\n        if released:\n            break",
            id="calls-that-never-wait",
        ),
    ],
)
def test_a_loop_that_never_waits_lets_the_other_threads_run(tmp_path, loop):
    """A thread looping on the bubble's calls without waiting gives the turn to the others, at
    each try that fails or after a count of calls: the thread it waits for runs, where a turn
    never given up would be a spin."""
    program = """
        import threading
        lock, other, trying, released = threading.Lock(), threading.Lock(), threading.Event(), []
        lock.acquire()

        def holder():
            trying.wait()
            released.append(True)
            lock.release()

        thread = threading.Thread(target=holder)
        thread.start()
        trying.set()
    """
    result = run(tmp_path, textwrap.dedent(program) + loop + "\nthread.join()\nprint('done')\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["done"]


@pytest.mark.parametrize("lock", ["threading.Lock()", "threading.RLock()"])
def test_a_thread_is_held_right_after_it_lets_go_of_a_lock_not_to_sleep(tmp_path, lock):
    """`hold_after_release` holds the named thread right after it first lets go of the lock
    completely, not when it lets go inside a Condition's wait() nor at an inner release of an
    RLock, so that another thread runs in between."""
    program = f"""
        import threading
        from katakit.instruments import bubble
        lock = {lock}
        condition = threading.Condition(lock)
        order = []

        def looker():
            with condition:
                if isinstance(lock, type(threading.RLock())):
                    with condition:
                        order.append("inner")
                condition.wait(0)
                order.append("looked")
            order.append("went on")

        hold = bubble.BUBBLE.hold_after_release(lock, "looker", 100)
        thread = threading.Thread(target=looker, name="looker")
        thread.start()
        while not hold.held:
            with condition:
                order.append("main looks")
            threading.Event().wait(0)
        order.append("main ran in between")
        hold.resume.set()
        thread.join()
        print(" | ".join(order))
    """
    result = run(tmp_path, program)
    assert result.returncode == 0, result.stderr
    steps = [step for step in result.stdout.strip().split(" | ") if step != "main looks"]
    inner = ["inner"] if "RLock" in lock else []
    assert steps == [*inner, "looked", "main ran in between", "went on"], result.stdout


@pytest.mark.parametrize("lock", [pytest.param(kind, id=kind) for kind in ("Lock", "RLock")])
def test_the_threads_waiting_for_the_locks_a_thread_holds_are_known(tmp_path, lock):
    """`waiting_for_locks_of(thread)` names each thread parked to take a lock that `thread`
    holds (an RLock held twice too), not one waiting for another thread's lock or on a
    Condition."""
    program = f"""
        import threading
        from katakit.instruments import bubble
        held, other = threading.{lock}(), threading.{lock}()
        condition = threading.Condition()
        bubble.name(held, "the held lock")
        bubble.name(other, "the other lock")
        done = threading.Event()

        def take(lock):
            with lock:
                pass

        def hold_other():
            with other:
                done.wait()

        def wait_on_condition():
            with condition:
                condition.wait()

        held.acquire()
        held.acquire(blocking=not isinstance(held, type(threading.Lock())))  # an RLock twice
        threads = [
            threading.Thread(target=hold_other, name="other-holder"),
            threading.Thread(target=take, args=(held,), name="taker-1"),
            threading.Thread(target=take, args=(held,), name="taker-2"),
            threading.Thread(target=take, args=(other,), name="other-taker"),
            threading.Thread(target=wait_on_condition, name="condition-waiter"),
        ]
        for thread in threads:
            thread.start()
        threading.Event().wait(1)  # in virtual time: until every thread waits
        for thread in (threading.current_thread(), threads[0], threads[4]):
            found = bubble.BUBBLE.waiting_for_locks_of(thread)
            print(sorted((name, bubble.BUBBLE.label(obj, "")) for name, obj in found))
        held.release()
        if isinstance(held, type(threading.RLock())):
            held.release()
        done.set()
        with condition:
            condition.notify_all()
        for thread in threads:
            thread.join()
    """
    result = run(tmp_path, program)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "[('taker-1', 'the held lock'), ('taker-2', 'the held lock')]",
        "[('other-taker', 'the other lock')]",
        "[]",
    ], result.stdout


def test_a_lock_taken_twice_is_a_deadlock_named_at_once(tmp_path):
    """A thread taking a Lock it holds is reported at once: where it took it, where it waits."""
    report = stuck(run(tmp_path, LOCK_TAKEN_TWICE), "deadlock")
    assert "thread 'MainThread' waits to acquire Lock #" in report
    assert "at program.py:5 (`with lock:`)" in report
    assert "it holds that lock itself (taken at program.py:4): a Lock is not re-entrant" in report


def test_a_report_is_in_the_students_language(tmp_path):
    """The bubble reports in the language KATA_LANG chooses: Korean here."""
    report = stuck(run(tmp_path, LOCK_TAKEN_TWICE, lang="ko"), "deadlock")
    assert "스레드 'MainThread'이(가) program.py:5 (`with lock:`)에서 Lock #" in report
    assert "(program.py:3에서 만듦)을(를) 잡으려고 기다립니다" in report
    assert "그 락은 이 스레드 자신이 가지고 있습니다 (program.py:4에서 잡음): Lock은(는) 재진입할" in report


def test_two_locks_taken_in_opposite_orders_are_a_cycle(tmp_path):
    """Two threads each holding the lock the other waits for are reported as a cycle."""
    report = stuck(
        run(
            tmp_path,
            """
            import threading
            first, second = threading.Lock(), threading.Lock()
            both = threading.Barrier(2)
            def take(a, b):
                with a:
                    both.wait()
                    with b:
                        pass
            threads = [
                threading.Thread(target=take, args=(first, second), name="one"),
                threading.Thread(target=take, args=(second, first), name="two"),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            """,
        ),
        "deadlock",
    )
    assert "thread 'one' waits to acquire" in report and "which thread 'two' holds" in report
    assert "thread 'two' waits to acquire" in report and "which thread 'one' holds" in report
    assert "a cycle: one -> two -> one" in report


def test_consumers_waiting_for_items_nobody_will_put_are_a_deadlock(tmp_path):
    """Consumers left waiting on a queue after the producer has finished are a deadlock."""
    report = stuck(
        run(
            tmp_path,
            """
            import queue, threading
            q = queue.Queue()
            def consume():
                while q.get() is not None:
                    pass
            consumers = [threading.Thread(target=consume, name=f"consumer-{i}") for i in range(3)]
            for thread in consumers:
                thread.start()
            q.put(None)
            for thread in consumers:
                thread.join()
            """,
        ),
        "deadlock",
    )
    assert report.count("waits to get from or put on Queue #") == 2
    assert "at program.py:5 (`while q.get() is not None:`)" in report
    assert "thread 'MainThread' waits to join thread 'consumer-" in report


@pytest.mark.parametrize(
    "mark, told",
    [
        pytest.param("bubble.BUBBLE.test = threading.current_thread()", True, id="judged"),
        pytest.param("", False, id="script"),
    ],
)
def test_a_thread_joining_the_test_is_told_the_test_is_not_its_to_join(tmp_path, mark, told):
    """A thread left joining the thread that runs the test (a judge child's main thread, which
    waits for it) is told so; joining a script's main thread, the student's own, is not."""
    report = stuck(
        run(
            tmp_path,
            f"""
            import threading
            from katakit.instruments import bubble
            {mark}
            def join_all():
                for thread in threading.enumerate():
                    if thread is not threading.current_thread():
                        thread.join()
            joiner = threading.Thread(target=join_all, name="joiner")
            joiner.start()
            joiner.join()
            """,
        ),
        "deadlock",
    )
    assert "thread 'joiner' waits to join thread 'MainThread' at program.py:8" in report, report
    assert ("thread 'MainThread' runs the test, not your code" in report) == told, report


@pytest.mark.parametrize("kind", ["Semaphore", "BoundedSemaphore"])
def test_a_semaphore_waited_for_is_named_after_the_line_that_made_it(tmp_path, kind):
    """A thread left waiting for a slot of a threading semaphore is reported with the line that
    made the semaphore (where its number of slots is)."""
    report = stuck(
        run(
            tmp_path,
            f"""
            import threading
            slots = threading.{kind}(1)
            slots.acquire()
            slots.acquire()
            """,
        ),
        "deadlock",
    )
    assert f"waits to acquire a slot of {kind} #" in report, report
    assert "(made at program.py:3) at program.py:5 (`slots.acquire()`)" in report, report


def test_a_deadlock_report_names_first_the_threads_that_ended_with_an_exception(tmp_path):
    """A thread that ended with an exception, leaving others waiting for what it would have
    done, is named first in the deadlock's report, with its exception and its line."""
    report = stuck(
        run(
            tmp_path,
            """
            import queue, threading
            q = queue.Queue()
            def produce():
                raise ValueError("no items today")
            producer = threading.Thread(target=produce, name="producer")
            producer.start()
            q.get()
            """,
        ),
        "deadlock",
    )
    raised = "thread 'producer' ended with ValueError: no items today at program.py:5"
    assert raised in report
    assert report.index(raised) < report.index("thread 'MainThread' waits to get")


def test_a_busy_loop_is_a_spin_named_by_its_line(tmp_path):
    """A thread that never blocks is reported as spinning, at its line, by CPU time."""
    report = stuck(
        run(
            tmp_path,
            """
            import threading
            done = []
            def spin():
                while not done:
                    pass
            thread = threading.Thread(target=spin, name="spinner")
            thread.start()
            thread.join()
            """,
            spin=0.3,
        ),
        "spin",
    )
    assert "thread 'spinner' runs at program.py:5 (`while not done:`)" in report


def test_a_loop_that_sleeps_and_looks_again_is_a_poll_counted_not_timed(tmp_path):
    """A thread that sleeps and looks again while another waits for it is reported as polling,
    at its line, after POLL_LIMIT sleeps that ended with nothing else happening."""
    report = stuck(
        run(
            tmp_path,
            """
            import threading, time
            done = []
            def poll():
                while not done:
                    time.sleep(0.001)  # blocked-wait: virtual, in the bubble
            thread = threading.Thread(target=poll, name="poller")
            thread.start()
            thread.join()
            """,
        ),
        "poll",
    )
    assert f"moved {bubble.POLL_LIMIT} times in a row" in report
    # blocked-wait: the report quotes the program's (virtual) sleep, its spaces folded by stuck()
    line = "`time.sleep(0.001) # blocked-wait: virtual, in the bubble`"
    assert f"thread 'poller' waits to sleep 0.001 s at program.py:6 ({line})" in report


@pytest.mark.parametrize(
    "program",
    [
        pytest.param(
            """
            import queue, threading, time
            q = queue.Queue()
            def produce():
                for item in range(COUNT):
                    time.sleep(0.001)  # blocked-wait: virtual, in the bubble
                    q.put(item)
            threading.Thread(target=produce).start()
            print(sum(q.get() for _ in range(COUNT)) == COUNT * (COUNT - 1) // 2)
            """,
            id="a-sleep-before-each-put",
        ),
        pytest.param(
            """
            import time
            for _ in range(COUNT):
                time.sleep(0.001)  # blocked-wait: virtual, in the bubble
            print(True)
            """,
            id="one-thread-sleeping-in-a-loop",
        ),
        pytest.param(
            """
            import threading, time
            thread = threading.Thread(target=time.sleep, args=(COUNT / 1000,))
            thread.start()
            while thread.is_alive():
                thread.join(0.001)
            print(True)
            """,
            id="a-join-with-a-timeout-in-a-loop",
        ),
    ],
)
def test_sleeps_that_are_no_poll_run_to_their_end(tmp_path, program):
    """More than POLL_LIMIT timeouts in a row are no poll when each sleep wakes another thread,
    when no other thread waits, or when they are joins: a join waits for the right thing."""
    # Twice POLL_LIMIT loops can take more than the default 1 s of CPU under sys.setprofile
    # (3.10, 3.11): that is the spin limit's business, not this rule's.
    result = run(tmp_path, program.replace("COUNT", str(2 * bubble.POLL_LIMIT)), spin=30)
    assert result.stdout.split() == ["True"], result.stderr


def test_a_call_the_bubble_cannot_see_is_reported_stuck_there(tmp_path):
    """A thread blocked in a call outside the bubble (a pipe) is reported where it is."""
    report = stuck(
        run(
            tmp_path,
            """
            import os
            reader, writer = os.pipe()
            os.read(reader, 1)
            """,
            block=0.5,
        ),
        "blocked",
    )
    assert "thread 'MainThread' is in a call at program.py:4 (`os.read(reader, 1)`)" in report


WATCHED = """
import sys
from pathlib import Path

from katakit.instruments import bubble

if sys.argv[2] == "profile" and hasattr(sys, "monitoring"):  # every tool id the bubble may take
    for tool in (2, 3, 4):
        sys.monitoring.use_tool_id(tool, "taken")
found = bubble.install(Path(sys.argv[1]), lambda kind, text: None)
sys.path.insert(0, str(Path(sys.argv[1]).parent))
import student

student.main()
print(bubble.MONITORED)
for step in found.steps:
    if step.text.startswith(("enter ", "leave ")):
        print(step.thread, step.text, step.site)
"""

STUDENT = """
import threading

def fail():
    raise ValueError

def numbers():
    yield 1
    yield 2

def work():
    return list(numbers())

def main():
    try:
        fail()
    except ValueError:
        pass
    thread = threading.Thread(target=work, name="worker")
    thread.start()
    thread.join()
"""

#: The student's functions entered and left, as the bubble keeps them: a function left by an
#: exception, a generator left at each yield and entered at each resume, in another thread.
WATCHED_STEPS = """\
MainThread enter main() student.py:14
MainThread enter fail() student.py:4
MainThread leave fail() student.py:5
worker enter work() student.py:11
worker enter numbers() student.py:7
worker leave numbers() student.py:8
worker enter numbers() student.py:8
worker leave numbers() student.py:9
worker enter numbers() student.py:9
worker leave numbers() student.py:9
worker leave work() student.py:12
MainThread leave main() student.py:21
"""


@pytest.mark.parametrize("way", ["monitoring", "profile"])
def test_the_students_functions_entered_and_left_are_steps(tmp_path, way):
    """Each time a function of the student's file is entered or left, in any thread, is a step."""
    (tmp_path / "student.py").write_text(STUDENT)
    result = subprocess.run(
        [sys.executable, "-c", WATCHED, str(tmp_path / "student.py"), way],
        capture_output=True,
        text=True,
        timeout=BACKSTOP,
    )
    assert result.returncode == 0, result.stderr
    monitored, steps = result.stdout.split("\n", 1)
    assert monitored == str(way == "monitoring" and sys.version_info >= (3, 12))
    assert steps == WATCHED_STEPS


#: Races of threads started one after another, each at a place where no thread waits, and the
#: switching that shows it: a lost update, a check and its act, a lookup and its use in two holds
#: of a lock (in step); a check, its act and a use that another thread's act must fall between
#: (in step, every thread acts before any uses: a coin lets one thread get ahead); a value read
#: back after its lock was let go (after releases: the other threads run in between).
RACES = [
    pytest.param(
        """
        class Shared:
            count = 0

        def work():
            for _ in range(10):
                Shared.count += 1

        def wrong():
            return Shared.count != 10 * len(threads)
        """,
        "Switching()",
        id="an-unlocked-increment-in-step",
    ),
    pytest.param(
        """
        class Shared:
            lock = None

        made = []

        def work():
            if Shared.lock is None:
                Shared.lock = threading.Lock()
                made.append(Shared.lock)
            with Shared.lock:
                pass

        def wrong():
            return len(made) != 1
        """,
        "Switching()",
        id="a-lock-made-lazily-in-step",
    ),
    pytest.param(
        """
        items = [0, 1, 2]
        lock = threading.Lock()
        taken = []

        def work():
            with lock:
                index = items.index(int(threading.current_thread().name))
            with lock:
                if index < len(items):
                    taken.append(items.pop(index))

        def wrong():
            return sorted(taken) != [0, 1, 2]
        """,
        "Switching()",
        id="an-index-found-and-used-in-two-holds-in-step",
    ),
    pytest.param(
        """
        shared = {}
        used = set()

        def work():
            if "lock" not in shared:
                shared["lock"] = threading.Lock()
            lock = shared["lock"]
            with lock:
                used.add(id(lock))

        def wrong():
            return len(used) != 1
        """,
        "Switching(seed=1)",
        id="a-lock-made-lazily-and-used-from-where-it-was-put-coin",
    ),
    pytest.param(
        """
        class Shared:
            count = 0
            last = None

        lock = threading.Lock()
        returned = []

        def work():
            for _ in range(2):
                with lock:
                    Shared.count += 1
                    Shared.last = Shared.count
                returned.append(Shared.last)

        def wrong():
            return sorted(returned) != [1, 2, 3, 4, 5, 6]
        """,
        "Switching(after_releases=True)",
        id="a-value-read-back-after-its-lock-was-let-go-after-releases",
    ),
]


@pytest.mark.parametrize("race, switching", RACES)
def test_threads_switching_between_instructions_come_between_a_look_and_its_act(
    tmp_path, race, switching
):
    """After `switch_threads`, threads started one after another begin together and switch
    between the instructions of the student's code (at every one, or as a seeded coin says, or
    after each release of a lock): a race where no thread waits shows, the same way on every
    run; with every thread's work done in one hold of a lock, none does."""
    program = """
        import threading
        from katakit.instruments import bubble

        bubble.switch_threads(bubble.{switching})
        {race}
        guard = threading.Lock()

        def locked():
            with guard:
                work()

        threads = [threading.Thread(target={target}, name=str(i)) for i in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print("wrong" if wrong() else "right")
    """
    race = textwrap.indent(textwrap.dedent(race), " " * 8).lstrip()
    outputs = {
        target: [
            run(tmp_path, program.format(race=race, target=target, switching=switching))
            for _ in range(2)
        ]
        for target in ("work", "locked")
    }
    for target, results in outputs.items():
        for result in results:
            assert result.returncode == 0, result.stderr
    assert [r.stdout.split() for r in outputs["work"]] == [["wrong"], ["wrong"]]
    assert [r.stdout.split() for r in outputs["locked"]] == [["right"], ["right"]]


@pytest.mark.parametrize(
    "switching",
    [
        pytest.param("Switching()", id="in-step"),
        pytest.param("Switching(stagger=1)", id="staggered"),
        pytest.param("Switching(seed=1)", id="coin"),
        pytest.param("Switching(after_releases=True)", id="after-releases"),
    ],
)
def test_switching_never_undoes_what_another_thread_wrote(tmp_path, switching):
    """Threads switching between instructions never lose a write another thread made meanwhile
    to a variable a closure shares: correct code stays correct (on 3.10 a trace call wrote the
    traced frame's variables back as they were before it, undoing such a write)."""
    program = f"""
        import threading
        from katakit.instruments import bubble

        bubble.switch_threads(bubble.{switching})

        def run():
            total = 0
            lock = threading.Lock()

            def work():
                nonlocal total
                value = sum(range(5))
                with lock:
                    total += value

            threads = [threading.Thread(target=work) for _ in range(3)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            return total

        print(run())
    """
    result = run(tmp_path, program)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["30"]


@pytest.mark.parametrize("make", ["multiprocessing.RLock()", "multiprocessing.Semaphore(1)"])
def test_switching_never_hands_the_turn_on_while_holding_a_lock_the_bubble_cannot_see(
    tmp_path, make
):
    """A thread holding a multiprocessing lock or semaphore keeps the turn until it lets go:
    another thread would block on it where the bubble cannot see, keeping the turn."""
    program = f"""
        import multiprocessing
        import threading
        from katakit.instruments import bubble

        bubble.switch_threads(bubble.Switching())
        lock = {make}
        total = [0]

        def work():
            for _ in range(3):
                with lock:
                    value = total[0]
                    total[0] = value + 1

        threads = [threading.Thread(target=work) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print(total[0])
    """
    result = run(tmp_path, program)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["9"]
