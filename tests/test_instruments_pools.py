"""The pool instruments (kata 07): executors that record how they were made and shut down, and a
function whose calls are logged in every process and thread that makes them."""

from __future__ import annotations

import collections
import concurrent.futures
import concurrent.futures.process
import concurrent.futures.thread
import multiprocessing
import os
import sys
import textwrap
import threading
import types
from pathlib import Path

import pytest

from katakit.instruments import pools
from katakit.judge import Judge, Target


@pytest.fixture(autouse=True)
def fresh_pools(monkeypatch):
    """Each test gets empty records, and concurrent.futures back as it was."""
    monkeypatch.setattr(pools, "POOLS", [])
    monkeypatch.setattr(pools, "WORKER_SETUPS", [])
    monkeypatch.setattr(pools, "WAITED", [])
    for name in ("result", "exception"):
        monkeypatch.setattr(concurrent.futures.Future, name, getattr(concurrent.futures.Future, name))
    for module in (concurrent.futures, concurrent.futures._base):
        for name in ("wait", "as_completed"):
            monkeypatch.setattr(module, name, getattr(module, name))
    for module in (concurrent.futures, concurrent.futures.thread):
        monkeypatch.setattr(module, "ThreadPoolExecutor", module.ThreadPoolExecutor)
    for module in (concurrent.futures, concurrent.futures.process):
        monkeypatch.setattr(module, "ProcessPoolExecutor", module.ProcessPoolExecutor)


def add(a, b=0):
    return a + b


def test_record_executors_makes_concurrent_futures_record_its_pools():
    """After record_executors, concurrent.futures' executors keep how they were made and shut down."""
    pools.record_executors()
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    assert ProcessPoolExecutor is pools.RecordingProcessPoolExecutor
    assert concurrent.futures.process.ProcessPoolExecutor is ProcessPoolExecutor
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert pool.submit(add, 1, 2).result() == 3
    other = concurrent.futures.thread.ThreadPoolExecutor()
    other.shutdown(wait=False)
    assert pools.records() == [
        ("thread", 2, None, (True,), 1, 0), ("thread", None, None, (False,), 0, 0)
    ]


@pytest.mark.parametrize(
    "collect, late",
    [
        pytest.param(lambda futures: futures[0].result(), 1, id="result"),
        pytest.param(lambda futures: futures[0].exception(), 1, id="exception"),
        pytest.param(lambda futures: concurrent.futures.wait(iter(futures)), 1, id="wait"),
        pytest.param(lambda futures: next(concurrent.futures.as_completed(futures)), 1, id="as-completed"),
        pytest.param(lambda futures: None, 0, id="no-wait"),
    ],
)
def test_a_pool_counts_the_calls_submitted_once_the_code_waited(collect, late):
    """A recording pool counts the calls submitted to it, and those submitted once the code had
    waited for one of its futures, by any of concurrent.futures' ways to wait."""
    pools.record_executors()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(add, 1), pool.submit(add, 2)]
        collect(futures)
        futures.append(pool.submit(add, 3))
    assert [future.result() for future in futures] == [1, 2, 3]
    assert pools.records() == [("thread", 2, None, (True,), 3, late)]


def test_call_log_logs_each_call_with_its_thread_and_arguments(monkeypatch):
    """A CallLog logs each call's process, thread and arguments (defaults filled in), then makes
    it; at the end of its block the function is the original again and its file is gone."""
    module = types.ModuleType("logged_module")
    module.add = add
    monkeypatch.setitem(sys.modules, module.__name__, module)
    with pools.CallLog.install(module, "add") as log:
        assert module.add(1, b=2) == 3
        thread = threading.Thread(target=module.add, args=(5,), name="t")
        thread.start()
        thread.join()
        calls = log.calls()
        assert pools.WORKER_SETUPS == [log.put_in_place]
    pid = os.getpid()
    main = threading.main_thread() is threading.current_thread()
    me = threading.current_thread().name
    assert calls == [(pid, me, main, (1, 2), None), (pid, "t", False, (5, 0), None)]
    assert module.add is add and not pools.WORKER_SETUPS
    assert not Path(log.path).exists()


def count_in_a_pool(module, method, context_given):
    """A recording process pool of 2 workers counts 1, 2, 3 with the module's `double`; the calls
    as (in a child, main thread, args), and the pool's record."""
    multiprocessing.set_start_method("fork" if context_given else method, force=True)
    pools.record_executors()
    context = multiprocessing.get_context(method) if context_given else None
    with pools.CallLog.install(module, "double") as log:
        with concurrent.futures.ProcessPoolExecutor(2, mp_context=context) as pool:
            assert list(pool.map(module.double, [1, 2, 3])) == [2, 4, 6]
        calls = sorted(
            (call.pid != os.getpid(), call.main_thread, call.args) for call in log.calls()
        )
    return calls, pools.records(), pools.left_running()


@pytest.mark.parametrize(
    "method, context_given",
    [pytest.param("fork", False, id="fork-by-default"), pytest.param("spawn", True, id="spawn")],
)
def test_call_log_reaches_the_workers_of_a_recording_process_pool(tmp_path, method, context_given):
    """Calls made in the workers of a recording process pool are logged, once each (fork: the
    workers inherit the log; spawn: each worker puts it in place first), and the pool's record
    says how its processes started, its context given or the default."""
    (tmp_path / "doubling.py").write_text(textwrap.dedent("""\
        def double(x):
            return 2 * x
    """))
    judge = Judge(Target("doubling", tmp_path))
    # Spawned workers each start an interpreter: on a loaded machine that took up to 6 s, far
    # past the default deadline. This run must succeed, so its deadline is only a backstop.
    calls, records, left = judge.run(count_in_a_pool, method, context_given, deadline=30)
    assert calls == [(True, True, (1,)), (True, True, (2,)), (True, True, (3,))]
    assert records == [("process", 2, method, (True,), 3, 0)]
    assert left == {"threads": [], "processes": []}


def tasks_of_the_calls(module, chunksize):
    """How many calls each task of recording pools made: a process pool of 2 forked workers
    doubling 1, 2, 3, 4 with map(chunksize), then a thread pool doubling 5; and how many calls
    ran in no task (one made here)."""
    multiprocessing.set_start_method("fork", force=True)
    pools.record_executors()
    with pools.CallLog.install(module, "double") as log:
        with concurrent.futures.ProcessPoolExecutor(2) as pool:
            assert list(pool.map(module.double, [1, 2, 3, 4], chunksize=chunksize)) == [2, 4, 6, 8]
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            assert pool.submit(module.double, 5).result() == 10
        module.double(6)
        tasks = [call.task for call in log.calls()]
    in_tasks = collections.Counter(task for task in tasks if task is not None)
    return sorted(in_tasks.values()), tasks.count(None)


@pytest.mark.parametrize(
    "chunksize, calls_per_task",
    [pytest.param(1, [1, 1, 1, 1, 1], id="a-call-a-task"), pytest.param(2, [1, 2, 2], id="two")],
)
def test_each_call_submitted_to_a_recording_pool_is_a_task_of_its_own(
    tmp_path, chunksize, calls_per_task
):
    """Each call submitted to a recording pool (map submits one for every chunksize calls) runs
    as a task of its own, which the calls it makes log, in a worker process or a thread; a call
    made outside any pool logs none."""
    (tmp_path / "doubling.py").write_text("def double(x):\n    return 2 * x\n")
    judge = Judge(Target("doubling", tmp_path))
    assert judge.run(tasks_of_the_calls, chunksize) == (calls_per_task, 1)


def leave_a_pool_running(_):
    """A thread pool never shut down: what runs then, what finish leaves, and the pool's record."""
    pools.record_executors()
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="left")
    pool.submit(add, 1).result()
    before = pools.left_running()
    pools.finish()
    return before, pools.left_running(), pools.records()


def test_finish_shuts_down_what_the_code_left_running():
    """left_running names the threads a pool left running; finish shuts the pool down and waits."""
    before, after, records = Judge(Target("json", Path(os.__file__).parent)).run(
        leave_a_pool_running
    )
    assert before == {"threads": ["left_0"], "processes": []}
    assert after == {"threads": [], "processes": []}
    assert records == [("thread", 1, None, (True,), 1, 0)]
