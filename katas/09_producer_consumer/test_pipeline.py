"""The rules of kata 09: a producer and consumers joined by a bounded queue, with sentinels.

Each test is one rule, stated in its docstring. `judge.run(S.scenario, ...)` runs a scenario
(from this kata's .meta/scenarios.py) against your pipeline.py in a separate process and returns
what it saw; the test checks the rule on that. Every queue.Queue your code makes or gets is a
recording one: a real queue that also notes every item put and taken, by which thread, the most
items it ever held, and every call that looks at the queue instead of waiting on it. The `handle`
the tests give your consumers can keep a consumer inside until something has happened (another
consumer came in too, the producer waits on a full queue), so no rule depends on timing. Your
code runs with a virtual clock: a timeout costs nothing, and a deadlock is reported at once, with
who waits for what.
"""

from __future__ import annotations

from unittest.mock import ANY

import pytest

from katakit import rules

S = rules.scenarios(__file__)
M = rules.messages(__file__)

#: What the judge adds when the student's code raises one of these.
HINTS = {r"^ShutDown": M.SHUTDOWN_NOT_CAUGHT, r"^Empty": M.EMPTY_RAISED, r"^Full": M.FULL_RAISED}

ITEMS = [
    pytest.param([3, 1, 4, 1, 5], id="numbers"),
    pytest.param([0, None, "", False, 7], id="falsy-items"),
    pytest.param([5, ANY, 6], id="an-item-equal-to-anything"),
]
#: What the judge says, with the threads switching between instructions, of a deadlock and of an
#: exception (a stub's NotImplementedError aside).
RACE_OPTIONS = {
    "stuck": M.RACED_STUCK,
    "hints": {**HINTS, rules.NOT_A_STUB: M.RACED_RAISED},
}
AFTER = [99]  # an item the consumer's test puts after DONE: it is not the consumer's to take
CONSUMERS = [
    pytest.param(1, id="one-consumer"),
    pytest.param(3, id="three-consumers"),
    pytest.param(5, id="five-consumers"),
]
PIPELINES = [
    pytest.param(list(range(10)), 3, 2, id="ten-items-three-consumers-two-places"),
    pytest.param(list(range(5)), 1, 1, id="five-items-one-consumer-one-place"),
    pytest.param([0, None, "", False, 7, 8], 4, 3, id="falsy-items-four-consumers"),
    pytest.param([], 3, 2, id="no-items"),
]
ORIGINAL = [pytest.param(list(range(10)), 3, 2, id="ten-items-three-consumers-two-places")]


# --- consumer -----------------------------------------------------------------------------------


@pytest.mark.parametrize("items", ITEMS)
def test_consumer_handles_every_item_in_order(judge, items):
    """consumer(q, handle) calls handle(item) for each item it takes, in the order they come."""
    seen = consume(judge, S.consume_filled, items, AFTER)
    got = seen["handled"][: len(items)]
    if len(got) < len(items) and got == items[: len(got)]:
        following = items[len(got)]
        if not following:
            lesson = M.FALSY_STOP.format(item=following)
        elif following == object():
            lesson = M.EQUAL_STOP.format(item=following)
        else:
            lesson = ""
        pytest.fail(
            M.STOPPED_EARLY.format(count=len(got), items=items, got=got, lesson=lesson),
            pytrace=False,
        )
    assert got == items, M.NOT_HANDLED_IN_ORDER.format(items=items, got=seen["handled"])


@pytest.mark.parametrize("items", ITEMS)
def test_consumer_never_hands_done_to_handle(judge, items):
    """consumer never calls handle(DONE): DONE tells it to stop, it is not an item."""
    seen = consume(judge, S.consume_filled, items, AFTER)
    assert S.DONE_MARK not in seen["handled"], M.DONE_HANDLED.format(got=seen["handled"])


@pytest.mark.parametrize("items", ITEMS)
def test_consumer_stops_at_done(judge, items):
    """consumer returns once it has taken DONE, and takes nothing after it."""
    seen = consume(judge, S.consume_filled, items, AFTER)
    if not seen["running"] and seen["left"] == [*AFTER, S.DONE_MARK]:
        pytest.fail(M.DONE_PUT_BACK.format(after=AFTER, left=seen["left"]), pytrace=False)
    assert not seen["running"] and seen["left"][-1:] == AFTER, M.WENT_ON_AFTER_DONE.format(
        after=AFTER, left=seen["left"]
    )


@pytest.mark.parametrize("items", ITEMS)
def test_consumer_returns_how_many_it_handled(judge, items):
    """consumer returns the number of items it handed to handle()."""
    seen = consume(judge, S.consume_filled, items, AFTER)
    assert not seen["running"], M.DID_NOT_RETURN.format(seconds=seen["waited"])
    count = len(seen["handled"])
    assert seen["returned"] == count, M.WRONG_COUNT.format(got=seen["returned"], count=count)


def test_consumer_waits_in_get_without_polling(judge):
    """consumer waits for each item in a blocking q.get(): it never calls empty(), qsize(),
    full(), get_nowait() or get() with a timeout, and an empty queue does not make it stop."""
    items = [1, 2, 3]
    seen = consume(judge, S.consume_from_empty, items)
    assert not seen["polls"], M.CONSUMER_POLLS.format(calls="\n".join(seen["polls"]))
    assert not seen["gave_up"], M.GAVE_UP_ON_EMPTY.format(seconds=seen["empty_for"])
    assert not seen["running"], M.DID_NOT_RETURN.format(seconds=seen["waited"])
    assert seen["handled"] == items, M.NOT_HANDLED_IN_ORDER.format(items=items, got=seen["handled"])


# --- producer -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "items",
    [*ITEMS, pytest.param([], id="no-items"), pytest.param(["a"], id="one-item")],
)
def test_producer_puts_every_item_in_order(judge, items):
    """producer(q, items, n_consumers) puts every item on q, once, in the order given."""
    seen = produce(judge, items, 3)
    got = [item for item in seen["puts"] if item != S.DONE_MARK]
    assert got == items, M.ITEMS_NOT_PUT.format(items=items, got=got)


def test_producer_takes_each_item_from_items_once(judge):
    """producer walks `items` once, so items may come from a generator."""
    items = [2, 7, 1]
    seen = produce(judge, items, 3, once=True)
    got = [item for item in seen["puts"] if item != S.DONE_MARK]
    assert got == items, M.ITEMS_WALKED_TWICE.format(items=items, got=got, who="producer()")


@pytest.mark.parametrize("n_consumers", CONSUMERS)
def test_producer_ends_with_one_done_per_consumer(judge, n_consumers):
    """After the last item, producer puts DONE once per consumer (or, on Python 3.13+, calls
    q.shutdown() instead)."""
    items = [1, 2, 3]
    seen = produce(judge, items, n_consumers)
    if seen["shutdowns"]:
        assert not any(seen["shutdowns"]), M.SHUTDOWN_IMMEDIATE
        return
    puts = seen["puts"]
    dones = puts.count(S.DONE_MARK)
    assert dones >= n_consumers, M.TOO_FEW_DONES.format(
        n=n_consumers, dones=dones, waiting=n_consumers - dones
    )
    assert dones == n_consumers, M.TOO_MANY_DONES.format(n=n_consumers, dones=dones)
    assert puts[-dones:] == [S.DONE_MARK] * dones, M.DONE_BEFORE_ITEMS.format(puts=puts)


def test_producer_waits_in_put_without_polling(judge):
    """producer puts with a blocking q.put(): it never calls full(), qsize(), empty(),
    put_nowait() or put() with a timeout."""
    seen = produce(judge, [1, 2, 3], 3)
    assert not seen["polls"], M.PRODUCER_POLLS.format(calls="\n".join(seen["polls"]))


# --- run ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "scenario",
    [pytest.param(S.run_items, id="quick-handle"), pytest.param(S.run_lingering, id="long-handle")],
)
@pytest.mark.parametrize("items, n_consumers, maxsize", ORIGINAL)
def test_run_joins_every_thread_before_returning(judge, items, n_consumers, maxsize, scenario):
    """When run returns, every thread it started has been joined, however long handle takes."""
    seen = pipeline(judge, scenario, items, n_consumers, maxsize)
    assert not seen["unjoined"], M.NOT_JOINED.format(names=seen["unjoined"])


@pytest.mark.parametrize("items, n_consumers, maxsize", PIPELINES)
def test_run_handles_every_item_exactly_once(judge, items, n_consumers, maxsize):
    """run(items, n_consumers, maxsize, handle) has every item handled exactly once."""
    seen = pipeline(judge, S.run_items, items, n_consumers, maxsize)
    got = [item for _, item in seen["handled"]]
    assert S.DONE_MARK not in got, M.DONE_HANDLED.format(got=got)
    assert sorted(map(repr, got)) == sorted(map(repr, items)), M.NOT_EACH_ONCE.format(
        items=items, got=got
    )


def test_run_takes_each_item_from_items_once(judge):
    """run walks `items` once (or hands it to the producer, which does), so items may come from
    a generator."""
    items = list(range(6))
    seen = pipeline(judge, S.run_items, items, 3, 2, True)
    got = sorted(item for _, item in seen["handled"])
    assert got == items, M.ITEMS_WALKED_TWICE.format(items=items, got=got, who="run()")


@pytest.mark.parametrize("items, n_consumers, maxsize", PIPELINES)
def test_run_names_its_consumers(judge, items, n_consumers, maxsize):
    """run starts threads named "consumer-0" ... "consumer-{n-1}", and only they take from the
    queue."""
    seen = pipeline(judge, S.run_items, items, n_consumers, maxsize)
    names = [f"consumer-{i}" for i in range(n_consumers)]
    missing = [name for name in names if name not in seen["started"]]
    assert not missing, M.CONSUMER_NAMES.format(names=names, started=seen["started"])
    others = [name for name in seen["takers"] if name not in names]
    assert not others, M.OTHERS_TOOK.format(others=others, names=names)


@pytest.mark.parametrize("items, n_consumers, maxsize", PIPELINES)
def test_run_returns_each_consumers_count_by_index(judge, items, n_consumers, maxsize):
    """run returns a list whose i-th entry is how many items "consumer-i" handled."""
    check_counts(pipeline(judge, S.run_items, items, n_consumers, maxsize), n_consumers)


def test_run_keeps_counts_by_index_when_consumer_0_ends_last(judge):
    """run's list is by index whatever order the consumers end in: consumer-0 ending last, with
    one item, has its count at index 0."""
    check_counts(pipeline(judge, S.run_consumer_0_ends_last, list(range(6)), 2, 1), 2)


@pytest.mark.parametrize("items, n_consumers, maxsize", PIPELINES)
def test_run_passes_items_through_a_queue_of_maxsize(judge, items, n_consumers, maxsize):
    """run passes the items through a queue.Queue(maxsize) it makes."""
    seen = pipeline(judge, S.run_items, items, n_consumers, maxsize)
    assert seen["maxsize"] is not None, M.NO_QUEUE
    assert seen["maxsize"] == maxsize, M.WRONG_MAXSIZE.format(got=seen["maxsize"], maxsize=maxsize)


@pytest.mark.parametrize("items, n_consumers, maxsize", ORIGINAL)
def test_run_puts_from_one_producer_thread(judge, items, n_consumers, maxsize):
    """Every item goes on the queue from one thread that run started, which is no consumer."""
    seen = pipeline(judge, S.run_items, items, n_consumers, maxsize)
    putters = seen["putters"]
    assert seen["caller"] not in putters, M.PRODUCER_IN_CALLER
    assert len(putters) == 1, M.NOT_ONE_PRODUCER.format(putters=putters)
    assert not putters[0].startswith("consumer-"), M.NOT_ONE_PRODUCER.format(putters=putters)


@pytest.mark.parametrize(
    "items, n_consumers, maxsize",
    [
        pytest.param(list(range(10)), 3, 2, id="three-consumers-two-places"),
        pytest.param(list(range(6)), 1, 1, id="one-consumer-one-place"),
    ],
)
def test_queue_never_holds_more_than_maxsize(judge, items, n_consumers, maxsize):
    """Even while every consumer is busy in handle(), the queue never holds more than maxsize
    items."""
    seen = pipeline(judge, S.run_filling, items, n_consumers, maxsize)
    assert seen["most"] is not None and seen["most"] <= maxsize, M.OVERFILLED.format(
        most=seen["most"], maxsize=maxsize
    )


@pytest.mark.parametrize(
    "items, n_consumers, maxsize",
    [
        pytest.param(list(range(10)), 3, 2, id="three-consumers"),
        pytest.param(list(range(4)), 2, 1, id="two-consumers-one-place"),
    ],
)
def test_consumers_handle_items_at_the_same_time(judge, items, n_consumers, maxsize):
    """While one consumer is inside handle(), another takes an item and calls handle() too."""
    seen = pipeline(judge, S.run_together, items, n_consumers, maxsize)
    (first, came), *_ = seen["held"] or [(None, False)]
    inside = M.NOBODY_INSIDE if first is None else M.INSIDE.format(first=first)
    assert came, M.NOT_TOGETHER.format(inside=inside, seconds=seen["waited"])


@pytest.mark.parametrize("items, n_consumers, maxsize", PIPELINES)
def test_run_leaves_nothing_in_the_queue(judge, items, n_consumers, maxsize):
    """When run returns, the queue is empty: every item and every DONE was taken."""
    seen = pipeline(judge, S.run_items, items, n_consumers, maxsize)
    assert not seen["left"], M.LEFT_IN_QUEUE.format(left=seen["left"])


@pytest.mark.parametrize("switching", rules.SWITCHINGS)
@pytest.mark.parametrize("items, n_consumers, maxsize", PIPELINES)
def test_run_is_right_when_threads_switch_between_instructions(
    judge, items, n_consumers, maxsize, switching
):
    """run handles every item once and counts each consumer's items by index even when the
    threads switch between the instructions of pipeline.py, so no thread acts on what another has
    changed since it looked."""
    seen = pipeline(judge, S.run_items, items, n_consumers, maxsize, switching=switching)
    got = sorted(map(repr, (item for _, item in seen["handled"])))
    if got != sorted(map(repr, items)):
        what = M.HANDLED.format(items=items, got=[item for _, item in seen["handled"]])
        pytest.fail(M.RACED.format(what=what), pytrace=False)
    expected = handled_by_each(seen, n_consumers)
    what = M.COUNTED.format(got=seen["counts"], expected=expected)
    assert seen["counts"] == tuple(expected), M.RACED.format(what=what)


def test_run_defaults_to_three_consumers_and_two_places(judge):
    """run(items, handle=handle) runs three consumers over a queue of two places."""
    seen = judge.run(S.run_with_defaults, list(range(6)), **options("run()"))
    assert seen["consumers"] == 3 and seen["maxsize"] == 2, M.DEFAULTS.format(
        consumers=seen["consumers"], maxsize=seen["maxsize"]
    )


def test_script_runs_its_demo(judge):
    """The file defines its API, and `python pipeline.py` runs any demo it has to the end."""
    judge.check_api("DONE", "producer", "consumer", "run")
    judge.run_demo(stuck=M.STUCK)


# --- checks shared by several rules -------------------------------------------------------------


def handled_by_each(seen, n_consumers):
    """How many items "consumer-i" handled, for each i."""
    handled = [thread for thread, _ in seen["handled"]]
    return [handled.count(f"consumer-{i}") for i in range(n_consumers)]


def check_counts(seen, n_consumers):
    """run returned, at index i, how many items "consumer-i" handled. Nothing at every index but
    the last, which holds one consumer's count, where several consumers handled items, is the
    work of threads that all read the loop's variable once the loop was over."""
    expected = handled_by_each(seen, n_consumers)
    got = seen["counts"]
    if got == tuple(expected):
        return
    late = (
        isinstance(got, tuple)
        and len(got) == n_consumers
        and not any(got[:-1])
        and got[-1] in expected
        and sum(map(bool, expected)) > 1
    )
    message = M.COUNTS_LATE_BOUND if late else M.COUNTS_BY_INDEX
    pytest.fail(message.format(got=got, expected=expected), pytrace=False)


def options(what):
    """The judge's options of every rule: recording queues and threads, the kata's hints."""
    return {"prepare": S.record, "stuck": M.STUCK, "what": what, "hints": HINTS}


def consume(judge, scenario, *args):
    return judge.run(scenario, *args, **options("consumer()"))


def produce(judge, items, n_consumers, once=False):
    return judge.run(S.produce, items, n_consumers, once, **options("producer()"))


def pipeline(judge, scenario, *args, switching=None):
    if switching is None:
        return judge.run(scenario, *args, **options("run()"))
    return judge.run(scenario, *args, switching=switching, **{**options("run()"), **RACE_OPTIONS})
