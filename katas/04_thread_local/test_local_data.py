"""The rules of kata 04: thread-local data, one value per thread.

Each test is one rule, stated in its docstring. `judge.run(S.scenario, ...)` runs a scenario
(from this kata's .meta/scenarios.py) against your local_data.py in a separate process and
returns what it saw; the test checks the rule on that. The scenarios order threads with a
Barrier (every thread has set its value before any reads it back) and with join() (a thread
starts only after the previous one has finished), never with sleep. The rules about main(n) run
it with threads that record their start and join.
"""

from __future__ import annotations

from collections import Counter

import pytest

from katakit import rules

S = rules.scenarios(__file__)
M = rules.messages(__file__)

THREAD_COUNTS = [
    pytest.param(2, id="two"),
    pytest.param(5, id="five"),
    pytest.param(16, id="sixteen"),
]
WHERE = [
    pytest.param("calling thread", id="calling-thread"),
    pytest.param("new thread", id="new-thread"),
]


@pytest.mark.parametrize("where", WHERE)
def test_new_store_reads_none(judge, where):
    """read_index on a store in which the thread has set nothing returns None."""
    seen = judge.run(S.read_new_store, where)
    assert_threads_ran(seen)
    assert seen["value"] is None, M.UNSET_NOT_NONE.format(
        seen=seen["value"], where=M.ON_A_NEW_STORE.format(where=in_where(where))
    )


@pytest.mark.parametrize(
    "indexes, expected",
    [
        pytest.param([3], [(None, 3)], id="first-set"),
        pytest.param([3, 8], [(None, 3), (3, 8)], id="second-set"),
        pytest.param([0, 0, 5], [(None, 0), (0, 0), (0, 5)], id="zero"),
    ],
)
def test_set_local_data_returns_before_and_after(judge, indexes, expected):
    """set_local_data(store, index) returns (this thread's index before, after: index)."""
    returned = judge.run(S.set_in_turn, indexes)
    for index, got, wanted in zip(indexes, returned, expected):
        if index == 0 and isinstance(got, tuple) and got[1:] == (None,):
            pytest.fail(M.ZERO_READ_AS_NONE.format(got=got), pytrace=False)
        assert got == wanted, M.SET_RETURNED.format(index=index, got=got, expected=wanted)


def test_set_local_data_reads_the_index_back_once_it_has_set_it(judge):
    """set_local_data looks at the store again after it has set the index: `after` is read
    back, not the index it was handed."""
    seen = judge.run(S.set_and_look, 7, prepare=S.record_locals)
    looks = seen["looks"]
    writes = [i for i, (what, _) in enumerate(looks) if what == "write"]
    if writes:
        read_back = any(what == "read" for what, _ in looks[writes[-1] + 1:])
        assert read_back, M.AFTER_NOT_READ_BACK.format(got=seen["returned"])


@pytest.mark.parametrize("n", THREAD_COUNTS)
def test_each_thread_sees_only_its_own_value(judge, n):
    """Once every thread has set its own index, each thread reads back its own, no other."""
    seen = judge.run(S.run_threads_together, n)
    assert_threads_ran(seen)
    for i in range(n):
        name, own = f"thread-{i}", i + 1
        _, last = seen["threads"][name]
        owner = owner_of(last, n)
        whose = M.VALUE_SET_BY.format(owner=owner) if owner and last != own else ""
        shared = M.LOCAL_HOLDS_A_SHARED_OBJECT if seen["local"] else M.SEES_OTHERS_VALUE
        assert last == own, shared.format(name=name, own=own, seen=last, whose=whose)


@pytest.mark.parametrize("n", THREAD_COUNTS)
def test_new_thread_sees_nothing_before_it_sets(judge, n):
    """A thread that has set nothing reads None, even after other threads have set theirs."""
    seen = judge.run(S.run_threads_together, n)
    assert_threads_ran(seen)
    for i in range(n):
        name = f"thread-{i}"
        first, _ = seen["threads"][name]
        owner = owner_of(first, n)
        if owner:
            message = M.NEW_THREAD_SAW_VALUE.format(name=name, seen=first, owner=owner)
            pytest.fail(message, pytrace=False)
        assert first is None, M.UNSET_NOT_NONE.format(
            seen=first, where=M.BEFORE_IT_SET.format(name=name)
        )


@pytest.mark.parametrize("n", THREAD_COUNTS)
def test_calling_thread_keeps_its_own_value(judge, n):
    """The thread that set first still reads its own index after other threads set theirs."""
    seen = judge.run(S.run_threads_together, n)
    assert_threads_ran(seen)
    assert seen["caller"] == S.CALLER_INDEX, M.CALLER_LOST_VALUE.format(
        own=S.CALLER_INDEX, n=n, seen=seen["caller"]
    )


def test_threads_of_the_same_name_keep_their_own_values(judge):
    """Two live threads of the same name each read back their own value, not the other's."""
    seen = judge.run(S.run_twins)
    assert_threads_ran(seen)
    for own, (_, last) in zip(S.TWIN_INDEXES, seen["reads"]):
        other = M.OTHER_THREAD_NAMED.format(name="twin")
        whose = M.VALUE_SET_BY.format(owner=other) if last in S.TWIN_INDEXES else ""
        assert last == own, M.SEES_OTHERS_VALUE.format(name="twin", own=own, seen=last, whose=whose)


@pytest.mark.parametrize("where", WHERE)
def test_two_stores_are_independent(judge, where):
    """In one thread, two stores from make_store() keep their own values."""
    seen = judge.run(S.run_two_stores, where)
    assert_threads_ran(seen)
    second_before, first, second = seen["reads"]
    if second_before == 1:
        what = M.READ_AFTER_SET.format(store="first", index=1, read="second", got=1, expected=None)
        pytest.fail(M.STORES_SHARED.format(where=in_where(where), what=what), pytrace=False)
    assert second_before is None, M.UNSET_NOT_NONE.format(
        seen=second_before, where=M.ON_A_SECOND_STORE.format(where=in_where(where))
    )
    what = M.READ_AFTER_SET.format(store="second", index=2, read="first", got=first, expected=1)
    assert first == 1, M.STORES_SHARED.format(where=in_where(where), what=what)
    what = M.READ_AFTER_SET.format(store="second", index=2, read="second", got=second, expected=2)
    assert second == 2, M.STORES_SHARED.format(where=in_where(where), what=what)


def test_thread_started_after_another_finished_sees_nothing(judge):
    """A thread started after another has finished reads None, even when it gets its ident."""
    seen = judge.run(S.run_after_a_finished_thread, prepare=S.reuse_native_ids)
    assert_threads_ran(seen)
    for name, same_ident, same_native, first in seen["seen"]:
        if first == S.FIRST_INDEX:
            notes = {
                (True, False): M.SAME_IDENT,
                (False, True): M.SAME_NATIVE_ID,
                (True, True): M.SAME_IDS,
                (False, False): "",
            }
            ids = {"ident": seen["first_ident"], "native": seen["first_native"]}
            note = notes[same_ident, same_native].format(**ids)
            message = M.LATER_THREAD_SAW_VALUE.format(
                name=name, owner="thread-0", seen=first, ident_note=note
            )
            pytest.fail(message, pytrace=False)
        where = M.STARTED_AFTER.format(name=name, owner="thread-0", index=S.FIRST_INDEX)
        assert first is None, M.UNSET_NOT_NONE.format(seen=first, where=where)


@pytest.mark.parametrize(
    "n", [pytest.param(1, id="one"), pytest.param(5, id="five"), pytest.param(8, id="eight")]
)
def test_main_returns_each_threads_before_and_after(judge, n):
    """main(n) returns {name: (before, after)}: caller (None, 0), thread-i (None, i + 1)."""
    seen = judge.run(S.run_main, n, stuck=M.MAIN_STUCK, prepare=S.record_threads)
    result, caller = seen["result"], seen["caller"]
    assert isinstance(result, dict), M.MAIN_NOT_A_DICT.format(n=n, got=result)
    names = [f"thread-{i}" for i in range(n)]
    expected_names = sorted([caller, *names])
    got_names = sorted(map(str, result))
    assert got_names == expected_names, M.MAIN_NAMES.format(
        n=n, got=got_names, expected=expected_names
    )
    if n > 1 and all(result[name] == (None, n) for name in names):
        pytest.fail(M.MAIN_LAST_INDEX_EVERYWHERE.format(n=n), pytrace=False)
    for i, name in enumerate(names):
        wanted = (None, i + 1)
        assert result[name] == wanted, M.MAIN_THREAD_ENTRY.format(
            n=n, name=name, got=result[name], expected=wanted
        )
    if result[caller] == (0, 0):
        pytest.fail(M.MAIN_CALLER_BEFORE_LATE.format(n=n, name=caller), pytrace=False)
    assert result[caller] == (None, 0), M.MAIN_CALLER_ENTRY.format(
        n=n, name=caller, got=result[caller]
    )


@pytest.mark.parametrize("switching", rules.SWITCHINGS)
@pytest.mark.parametrize("n", [pytest.param(3, id="three"), pytest.param(8, id="eight")])
def test_main_is_right_when_threads_switch_between_instructions(judge, n, switching):
    """main(n) returns every thread's (before, after) even when the threads switch between the
    instructions of local_data.py, so no thread acts on what another has changed since it
    looked."""
    seen = judge.run(
        S.run_main, n,
        stuck=M.MAIN_STUCK, prepare=S.record_threads, switching=switching,
        hints={rules.NOT_A_STUB: M.RACED_RAISED},
    )
    result, caller = seen["result"], seen["caller"]
    expected = {caller: (None, 0), **{f"thread-{i}": (None, i + 1) for i in range(n)}}
    frame = M.RACED_SHUFFLED if shuffled(result, expected) else M.RACED
    assert result == expected, frame.format(
        what=M.RACED_RESULT.format(n=n, got=result, expected=expected)
    )


def shuffled(result, expected: dict) -> bool:
    """Whether `result` holds the names and the pairs of `expected`, some pairs under another
    name: what matching each pair with its name in two steps does, with threads in between."""
    return (
        isinstance(result, dict)
        and result != expected
        and set(result) == set(expected)
        and Counter(map(repr, result.values())) == Counter(map(repr, expected.values()))
    )


def test_main_sets_every_index_in_one_store(judge):
    """main makes one store with make_store() (or hands one to set_local_data()), in which each
    thread it starts sets its index with set_local_data(), and the calling thread reads 0 once
    main returns."""
    n = 3
    seen = judge.run(S.run_main, n, stuck=M.MAIN_STUCK, prepare=S.record_threads)
    assert seen["stores"], M.MAIN_NO_STORE.format(n=n)
    assert seen["stores"] == 1, M.MAIN_STORES.format(n=n, stores=seen["stores"])
    for i in range(n):
        name, index = f"thread-{i}", i + 1
        got = seen["sets"].get(name, [])
        assert index in got, M.MAIN_THREAD_NOT_SET.format(n=n, name=name, got=got, index=index)
    assert seen["after"] == 0, M.MAIN_CALLER_NOT_SET.format(n=n, got=seen["after"])


def test_main_returns_the_index_each_thread_read_back(judge):
    """The after of main's entry for each thread is the one that thread's set_local_data()
    returned, and the calling thread's is the 0 it set, read back: none is written down."""
    n = 3
    seen = judge.run(S.run_main, n, stuck=M.MAIN_STUCK, prepare=S.record_threads)
    reached, caller = seen["read_back_by"], seen["caller"]
    for name in [*(f"thread-{i}" for i in range(n)), caller]:
        if name not in reached:  # a missing entry, or no int after: other rules say so
            continue
        after, how = seen["result"][name][1], reached[name]
        if name == caller:
            assert how is not None and how[0] == caller, M.MAIN_WROTE_CALLERS_AFTER.format(
                n=n, name=name, after=after
            )
            continue
        assert how is not None and how[1] == "read", M.MAIN_WROTE_AFTER.format(
            n=n, name=name, after=after
        )
        assert how[0] == name, M.MAIN_AFTER_OF_ANOTHER.format(
            n=n, name=name, after=after, by=how[0]
        )


def test_main_files_the_callers_entry_under_its_own_name(judge):
    """main's entry for the calling thread is under that thread's name, whichever calls it."""
    n, caller = 3, "caller"
    seen = judge.run(S.run_main_from, n, caller, stuck=M.MAIN_STUCK, prepare=S.record_threads)
    result = seen["result"]
    assert isinstance(result, dict), M.MAIN_NOT_A_DICT.format(n=n, got=result)
    got = sorted(map(str, result))
    assert caller in result, M.CALLER_NOT_BY_NAME.format(n=n, caller=caller, got=got)


@pytest.mark.parametrize("n", [pytest.param(1, id="one"), pytest.param(5, id="five")])
def test_main_starts_a_thread_for_each_index(judge, n):
    """main(n) starts n threads (start(): run() would run the target in the calling thread)."""
    seen = judge.run(S.run_main, n, stuck=M.MAIN_STUCK, prepare=S.record_threads)
    assert seen["started"] >= n, M.MAIN_STARTED_TOO_FEW.format(n=n, started=seen["started"])


@pytest.mark.parametrize("n", [pytest.param(2, id="two"), pytest.param(5, id="five")])
def test_main_joins_every_thread_it_starts(judge, n):
    """Every thread main starts has been joined when main returns, however long it takes."""
    seen = judge.run(S.run_main, n, True, stuck=M.MAIN_STUCK, prepare=S.record_threads)
    assert not seen["not_joined"], M.NOT_JOINED.format(names=seen["not_joined"])


def test_script_runs_its_demo(judge):
    """The file defines its API, and `python local_data.py` runs any demo it has to the end."""
    judge.check_api("make_store", "read_index", "set_local_data", "main")
    judge.run_demo()


# --- checks shared by several rules -------------------------------------------------------------


def assert_threads_ran(seen):
    """Fail with the exception a thread raised, or with the names of threads that never ended."""
    errors = seen["errors"]
    real = {name: error for name, error in errors.items() if not error.startswith("BrokenBarrier")}
    if errors:
        name, error = min((real or errors).items())
        pytest.fail(M.THREAD_RAISED.format(name=name, error=error), pytrace=False)
    assert not seen["running"], M.THREADS_STUCK.format(names=seen["running"])


def in_where(where):
    """The place a scenario ran in ("calling thread" or "new thread"), said in a message."""
    return M.IN_CALLING_THREAD if where == "calling thread" else M.IN_NEW_THREAD


def owner_of(value, n):
    """Who set `value` in run_threads_together: the calling thread, "thread-i", or None."""
    if value == S.CALLER_INDEX:
        return M.CALLING_THREAD
    if type(value) is int and 1 <= value <= n:
        return f"thread-{value - 1}"
    return None
