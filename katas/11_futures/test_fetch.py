"""The rules of kata 11: fetch_all and first_done on a ThreadPoolExecutor.

Each test is one rule, stated in its docstring. `judge.run(S.scenario, ...)` runs a scenario
(from this kata's .meta/scenarios.py) against your fetch.py in a separate process and returns
what it saw; the test checks the rule on that. The scenario hands your functions its own
`fetch`, which waits until the scenario lets each url finish: so the fetches finish one at a
time, in an order the scenario chooses (the one that started last finishes first), and what is
counted (how many fetches run at once, which urls were fetched) is counted once every thread
waits, never after a guess at how long a thread needs.
"""

from __future__ import annotations

import pytest

from katakit import rules

S = rules.scenarios(__file__)
M = rules.messages(__file__)

#: What the judge adds when the student's code lets a fetch's exception escape from fetch_all.
HINTS = {r"^FetchError: could not fetch": M.EXCEPTION_ESCAPED}
#: The same, from first_done.
FIRST_HINTS = {r"^FetchError: could not fetch": M.FIRST_RAISED}

#: (number of urls, max_workers: None for the default), with more urls than workers.
CROWDS = [
    pytest.param(8, 2, id="eight-urls-two-workers"),
    pytest.param(8, 3, id="eight-urls-three-workers"),
]
DEFAULT = [pytest.param(8, None, id="eight-urls-default-workers")]
FEW_URLS = [pytest.param(3, 5, id="three-urls-five-workers")]
FIRST = [
    pytest.param(6, 2, id="six-urls-two-workers"),
    pytest.param(6, 3, id="six-urls-three-workers"),
]
FIRST_DEFAULT = [pytest.param(6, None, id="six-urls-default-workers")]
#: The indices of the urls that a scenario lists a second time, at the end of urls.
TWICE = (0, 3)
#: How fetches finish together in the rules whose threads switch between instructions: the
#: running ones at once, again and again; or each as soon as it is called.
AT_ONCE = [pytest.param(False, id="running-ones-together"), pytest.param(True, id="instantly")]
#: Whether the first fetch to finish in first_done returns its page or raises.
RAISES = [pytest.param(False, id="returns"), pytest.param(True, id="raises")]


def as_params(function, params):
    """`params` (n, max_workers) for one function: (function, n, max_workers), ids prefixed."""
    return [pytest.param(function, *p.values, id=f"{function}-{p.id}") for p in params]


# --- fetch_all: its results -----------------------------------------------------------------------


@pytest.mark.parametrize("n, max_workers", CROWDS)
def test_fetch_all_returns_the_pairs_in_the_order_of_urls(judge, n, max_workers):
    """fetch_all returns a list of (url, result) tuples in the order of urls, whatever order the
    fetches finish in."""
    seen = run_all(judge, n, max_workers)
    check_pairs(seen)


@pytest.mark.parametrize(
    "failing",
    [
        pytest.param("first", id="the-first-to-finish-raises"),
        pytest.param("last", id="the-last-to-finish-raises"),
    ],
)
def test_fetch_all_keeps_the_exception_in_place_of_a_result(judge, failing):
    """A fetch that raises gives (url, the exception it raised) in its place, and every other
    fetch still gives its result."""
    # The running url that comes last in urls finishes first: with 2 workers, urls[1] finishes
    # first and urls[0] last.
    seen = run_all(judge, 6, 2, failing=(1,) if failing == "first" else (0,))
    check_pairs(seen)


def test_fetch_all_gives_a_url_listed_twice_a_pair_in_each_place(judge):
    """fetch_all returns one pair for each item of urls, in the order of urls, when urls lists
    a url twice too."""
    seen = run_all(judge, 6, 2, again=TWICE)
    assert_returned(seen, "fetch_all")
    if seen["kind"] == "list" and len(seen["pairs"]) < len(seen["urls"]):
        urls = seen["urls"]
        pytest.fail(
            M.PAIR_PER_ITEM.format(
                count=len(seen["pairs"]), items=len(urls),
                twice=sorted({url for url in urls if urls.count(url) > 1}),
            ),
            pytrace=False,
        )
    check_pairs(seen)


def test_fetch_all_calls_fetch_once_per_url(judge):
    """fetch_all calls fetch exactly once for each url, the url whose fetch raises too."""
    seen = run_all(judge, 8, 2, failing=(1,))
    assert sorted(seen["calls"]) == sorted(seen["urls"]), M.CALLS.format(
        calls=seen["calls"], urls=seen["urls"]
    )


# --- the pool -------------------------------------------------------------------------------------


@pytest.mark.parametrize("function", ["fetch_all", "first_done"])
def test_fetch_runs_in_the_threads_of_a_thread_pool(judge, function):
    """fetch_all and first_done call fetch only in the threads of a ThreadPoolExecutor."""
    seen = run(judge, function, 6, 2)
    assert not seen["outside"], M.NOT_IN_POOL.format(function=function, threads=seen["outside"])


@pytest.mark.parametrize(
    "function, n, max_workers",
    [
        *as_params("fetch_all", CROWDS + DEFAULT),
        *as_params("first_done", FIRST + FIRST_DEFAULT),
    ],
)
def test_never_more_than_max_workers_fetches_at_once(judge, function, n, max_workers):
    """fetch_all and first_done never run more than max_workers fetches at once (4 by default)."""
    seen = run(judge, function, n, max_workers)
    limit = 4 if max_workers is None else max_workers
    assert seen["most"] <= limit, M.TOO_MANY.format(
        function=function, most=seen["most"], limit=limit, call=call_text(function, max_workers),
        asked=asked_text(seen),
    )


@pytest.mark.parametrize(
    "function, n, max_workers",
    [
        *as_params("fetch_all", CROWDS + DEFAULT),
        *as_params("first_done", FIRST + FIRST_DEFAULT),
    ],
)
def test_fetch_runs_in_at_most_max_workers_threads(judge, function, n, max_workers):
    """fetch_all and first_done call fetch in at most max_workers threads (4 by default): the
    threads of one ThreadPoolExecutor(max_workers)."""
    seen = run(judge, function, n, max_workers)
    limit = 4 if max_workers is None else max_workers
    fetchers = seen["fetchers"]
    assert len(fetchers) <= limit, M.TOO_MANY_THREADS.format(
        call=call_text(function, max_workers), count=len(fetchers), threads=", ".join(fetchers),
        limit=limit, asked=asked_text(seen),
    )


@pytest.mark.parametrize(
    "function, n, max_workers",
    [
        *as_params("fetch_all", CROWDS + DEFAULT + FEW_URLS),
        *as_params("first_done", FIRST + FIRST_DEFAULT),
    ],
)
def test_max_workers_fetches_run_at_once_while_that_many_are_pending(
    judge, function, n, max_workers
):
    """While at least max_workers fetches are still to finish, fetch_all and first_done run
    max_workers of them at once (all of them when fewer are left)."""
    seen = run(judge, function, n, max_workers)
    for running, wanted in seen["counts"]:
        assert running >= wanted, M.TOO_FEW.format(
            function=function, running=running, wanted=wanted, call=call_text(function, max_workers)
        )


# --- first_done -----------------------------------------------------------------------------------


@pytest.mark.parametrize("n, max_workers", FIRST)
@pytest.mark.parametrize("raises", RAISES)
def test_first_done_returns_the_first_fetch_to_finish(judge, n, max_workers, raises):
    """first_done returns (url, result) of the first fetch to finish, or (url, the exception)
    if that fetch raised."""
    seen = run(judge, "first_done", n, max_workers, raises=raises)
    assert_returned(seen, "first_done")
    assert seen["pair"] == seen["expected"], M.NOT_FIRST.format(
        got=seen["pair"], expected=seen["expected"], first=seen["first"]
    )


@pytest.mark.parametrize("n, max_workers", FIRST)
@pytest.mark.parametrize("raises", RAISES)
def test_first_done_never_calls_fetch_for_a_url_not_started(judge, n, max_workers, raises):
    """Once the first fetch has finished (with its page or raising), first_done cancels every
    fetch not started yet, so fetch is never called for those urls."""
    seen = run(judge, "first_done", n, max_workers, raises=raises)
    assert not seen["late"], M.NOT_CANCELLED.format(
        first=seen["first"], started=seen["started"], late=seen["late"]
    )


@pytest.mark.parametrize(
    "n, max_workers",
    [pytest.param(6, 1, id="six-urls-one-worker"), pytest.param(6, 2, id="six-urls-two-workers")],
)
def test_first_done_never_calls_fetch_for_a_url_not_started_when_the_first_finished_at_once(
    judge, n, max_workers
):
    """When the first fetch finished before first_done had submitted the others, first_done
    still cancels every fetch not started once it has submitted them all, so fetch is never
    called for those urls."""
    seen = judge.run(
        S.first_finishing_at_once, n, max_workers,
        deadline=S.DEADLINE, stuck=M.STUCK, hints=FIRST_HINTS, prepare=S.record_pool,
    )
    assert not seen["late"], M.NOT_CANCELLED_AFTER_SUBMITTING.format(
        first=seen["first"], started=seen["started"], late=seen["late"]
    )


@pytest.mark.parametrize(
    "n, max_workers",
    [pytest.param(1, 1, id="one-url"), pytest.param(6, 3, id="six-urls-three-workers")],
)
def test_first_done_returns_when_every_fetch_finished_before_it_began_to_wait(
    judge, n, max_workers
):
    """first_done returns the (url, result) of a fetch that finished even when every fetch
    finished before first_done began to wait."""
    seen = judge.run(
        S.first_of_finished_as_submitted, n, max_workers,
        deadline=S.DEADLINE, stuck=M.FINISHED_BEFORE_THE_WAIT, prepare=S.record_pool,
    )
    assert seen["returned"], " ".join(
        (M.DID_NOT_RETURN.format(function="first_done", running=seen["running"]),
         M.FINISHED_BEFORE_THE_WAIT)
    )
    assert seen["pair"] in seen["expected"], M.NOT_A_FINISHED_FETCH.format(
        got=seen["pair"], expected=lines(seen["expected"])
    )


@pytest.mark.parametrize("function", ["fetch_all", "first_done"])
def test_a_false_result_is_kept_as_it_is(judge, function):
    """A fetch that returns a false value (an empty page) gives (url, that value) too, not
    something put in its place."""
    if function == "fetch_all":
        seen = run_all(judge, 6, 2, empty=(1, 2))
        got, expected = seen["pairs"], seen["expected"]
    else:
        seen = run(judge, function, 6, 2, empty=True)
        got, expected = [seen["pair"]], [seen["expected"]]
    assert_returned(seen, function)
    wanted = {pair[0]: pair for pair in expected if pair[0] in seen["empty"]}
    for pair in got:
        if isinstance(pair, tuple) and pair[0] in wanted:
            assert pair == wanted[pair[0]], M.FALSE_REPLACED.format(
                function=function, got=pair, expected=wanted[pair[0]]
            )
    if function == "fetch_all":
        check_pairs(seen)
    else:
        assert got == expected, M.NOT_FIRST.format(
            got=seen["pair"], expected=seen["expected"], first=seen["first"]
        )


@pytest.mark.parametrize("switching", rules.SWITCHINGS)
@pytest.mark.parametrize("instantly", AT_ONCE)
@pytest.mark.parametrize("n, max_workers", CROWDS[:1])
def test_fetch_all_is_right_when_threads_switch_between_instructions(
    judge, n, max_workers, instantly, switching
):
    """fetch_all returns every (url, result) in the order of urls even when fetches finish at
    the same time and the threads switch between the instructions of fetch.py."""
    seen = run_at_once(judge, "fetch_all", n, max_workers, instantly, switching)
    assert_returned(seen, "fetch_all")
    assert seen["pairs"] == seen["expected"], M.RACED.format(
        what=M.RACED_PAIRS.format(got=lines(seen["pairs"]), expected=lines(seen["expected"]))
    )


@pytest.mark.parametrize("switching", rules.SWITCHINGS)
@pytest.mark.parametrize("instantly", AT_ONCE)
@pytest.mark.parametrize("n, max_workers", FIRST[:1])
def test_first_done_is_right_when_threads_switch_between_instructions(
    judge, n, max_workers, instantly, switching
):
    """first_done returns the (url, result) of one of the first fetches to finish even when they
    finish at the same time and the threads switch between the instructions of fetch.py."""
    seen = run_at_once(judge, "first_done", n, max_workers, instantly, switching)
    assert_returned(seen, "first_done")
    assert seen["pair"] in seen["expected"], M.RACED.format(
        what=M.RACED_FIRST.format(got=seen["pair"], expected=lines(seen["expected"]))
    )


# --- shutting down --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "function, raises",
    [
        pytest.param("fetch_all", False, id="fetch_all"),
        pytest.param("fetch_all", True, id="fetch_all-when-a-fetch-raises"),
        pytest.param("first_done", False, id="first_done"),
        pytest.param("first_done", True, id="first_done-when-the-first-raises"),
    ],
)
def test_every_pool_thread_has_finished_when_it_returns(judge, function, raises):
    """fetch_all and first_done shut their executor down and wait for its threads: every thread
    they started has finished, seen by a join, when they return, whether a fetch raised or not."""
    if function == "fetch_all":
        seen = run_all(judge, 6, 2, failing=(0,) if raises else ())
    else:
        seen = run(judge, function, 6, 2, raises=raises)
    assert_returned(seen, function)
    lesson = M.NOT_SHUT_DOWN_WHEN_RAISED if raises else M.NOT_SHUT_DOWN
    assert not seen["unjoined"], lesson.format(function=function, threads=seen["unjoined"])


def test_script_runs_its_demo(judge):
    """The file defines its API, and `python fetch.py` runs any demo it has to the end."""
    judge.check_api("fetch_all", "first_done")
    judge.run_demo()


# --- checks shared by several rules ---------------------------------------------------------------


def run(judge, function, n, max_workers, **options):
    if function == "fetch_all":
        return run_all(judge, n, max_workers)
    return judge.run(
        S.first_of, n, max_workers, options.get("raises", False), options.get("empty", False),
        deadline=S.DEADLINE, stuck=M.STUCK, hints=FIRST_HINTS, prepare=S.record_pool,
    )


def run_all(judge, n, max_workers, failing=(), empty=(), again=()):
    return judge.run(
        S.all_of, n, max_workers, failing, empty, again,
        deadline=S.DEADLINE, stuck=M.STUCK, hints=HINTS, prepare=S.record_pool,
    )


def run_at_once(judge, function, n, max_workers, instantly, switching):
    return judge.run(
        S.all_at_once, function, n, max_workers, instantly,
        deadline=S.DEADLINE, stuck=M.RACED_STUCK, prepare=S.record_pool, switching=switching,
        hints={rules.NOT_A_STUB: M.RACED_RAISED},
    )


def assert_returned(seen, function):
    assert seen["returned"], M.DID_NOT_RETURN.format(function=function, running=seen["running"])


def check_pairs(seen):
    """fetch_all returned a list of the expected (url, result or exception) tuples, in order."""
    assert_returned(seen, "fetch_all")
    assert seen["kind"] == "list", M.NOT_A_LIST.format(kind=seen["kind"])
    pairs, expected = seen["pairs"], seen["expected"]
    odd = [pair for pair in pairs if not isinstance(pair, tuple)]
    assert not odd, M.NOT_A_PAIR.format(item=odd[0])
    urls = [url for url, _ in pairs]
    if urls != seen["urls"] and urls == seen["finished"]:
        pytest.fail(M.COMPLETION_ORDER.format(got=urls, expected=seen["urls"]), pytrace=False)
    if urls != seen["urls"] and urls == sorted(seen["urls"]):
        pytest.fail(M.SORTED.format(got=urls, expected=seen["urls"]), pytrace=False)
    assert pairs == expected, M.WRONG_PAIRS.format(
        got=lines(pairs), expected=lines(expected)
    )


def lines(pairs) -> str:
    """Pairs one a line; an item that is no pair as the scene described it."""
    return "\n".join(
        f"  ({pair[0]!r}, {pair[1]})" if isinstance(pair, tuple) else f"  {pair}" for pair in pairs
    )


def call_text(function, max_workers) -> str:
    return f"{function}(urls, fetch)" if max_workers is None else (
        f"{function}(urls, fetch, max_workers={max_workers})"
    )


def asked_text(seen) -> str:
    asked = seen["asked"]
    if not asked:
        return M.NO_EXECUTOR
    return M.EXECUTORS_MADE.format(asked=", ".join(str(a) for a in asked))
