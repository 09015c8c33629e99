"""The rules of kata 10: the dining philosophers, without a deadlock.

Each test is one rule, stated in its docstring. `judge.run(S.scenario, ...)` runs a scenario
(from this kata's .meta/scenarios.py) against your dining.py in a separate process and returns
what it saw; the test checks the rule on that. The forks handed to your `philosopher` are Locks
that know who holds them; for `dine`, each threading.Lock() your file makes while dine runs is
such a fork ("fork 0" is the first one made). The `eat` handed in records every meal. No rule
depends on timing: the moments the rules speak of (every philosopher holding one fork at once;
two philosophers alone at the table) are made to happen. Your threads run in the judge's bubble,
so a deadlock is found at once, and reported with who holds which fork and waits for which.
"""

from __future__ import annotations

import pytest

from katakit import rules

S = rules.scenarios(__file__)
M = rules.messages(__file__)

HINTS = {r"IndexError": M.WRAP_AROUND, r"release unlocked lock": M.PUT_DOWN_NOT_HELD}

ALONE = [
    pytest.param(5, 2, 3, id="philosopher-2-of-5"),
    pytest.param(5, 4, 2, id="philosopher-4-of-5"),
    pytest.param(2, 1, 2, id="philosopher-1-of-2"),
]
PAIRS = [
    pytest.param(4, 0, 2, id="0-and-2-of-4"),
    pytest.param(5, 4, 1, id="4-and-1-of-5"),
]
TABLES = [
    pytest.param(5, 2, id="five"),
    pytest.param(3, 2, id="three"),
    pytest.param(2, 2, id="two"),
]
#: Every pair of philosophers at a table of five who share no fork: a dine that keeps
#: neighbours apart by seating them in turns, not by its forks, keeps some of these apart too.
NON_NEIGHBOURS = [
    pytest.param(a, b, id=f"{a}-and-{b}")
    for a in range(5)
    for b in range(a + 2, 5)
    if (a, b) != (0, 4)
]
DINNERS = [
    pytest.param(5, 3, id="five-three-meals"),
    pytest.param(2, 1, id="two-one-meal"),
    pytest.param(4, 2, id="four-two-meals"),
]


# --- tests: philosopher ---------------------------------------------------------------------------


@pytest.mark.parametrize("n, i, meals", ALONE)
def test_philosopher_eats_meals_times(judge, n, i, meals):
    """philosopher(i, forks, meals, eat) calls eat(i) exactly `meals` times."""
    seen = run_alone(judge, n, i, meals)
    others = [who for who, _, _ in seen["meals"] if who != i]
    assert not others, M.EAT_ARGUMENT.format(i=i, got=others[0])
    count = len(seen["meals"])
    assert count == meals, M.EAT_COUNT.format(i=i, meals=meals, count=count)


@pytest.mark.parametrize("n, i, meals", ALONE)
def test_philosopher_holds_both_its_forks_while_eating(judge, n, i, meals):
    """While eat(i) runs, philosopher i holds both forks[i] and forks[(i + 1) % len(forks)]."""
    seen = run_alone(judge, n, i, meals)
    for _, _, held in seen["meals"]:
        numbers = [number for number, _ in held]
        assert {i, (i + 1) % n} <= set(numbers), M.FORKS_NOT_HELD.format(
            i=i, held=forks_text(numbers), a=i, b=(i + 1) % n
        )


@pytest.mark.parametrize("n, i, meals", ALONE)
def test_philosopher_puts_both_forks_down_after_each_meal(judge, n, i, meals):
    """Between two meals, philosopher i puts down both its forks: each meal has a pick-up of its
    own."""
    seen = run_alone(judge, n, i, meals)
    for fork in (i, (i + 1) % n):
        holds = [hold for _, _, held in seen["meals"] for number, hold in held if number == fork]
        assert len(set(holds)) == len(holds), M.KEPT_BETWEEN_MEALS.format(i=i, fork=fork)


@pytest.mark.parametrize("n, i, meals", ALONE)
def test_philosopher_leaves_every_fork_free(judge, n, i, meals):
    """When philosopher returns, every fork is free."""
    seen = run_alone(judge, n, i, meals)
    assert not seen["held"], M.FORK_LEFT_HELD.format(i=i, held=forks_text(seen["held"]))


@pytest.mark.parametrize("n, a, b", PAIRS)
def test_two_philosophers_who_share_no_fork_eat_at_once(judge, n, a, b):
    """Two philosophers who share no fork, alone at the table, eat at the same time."""
    seen = judge.run(
        S.pair, n, a, b,
        stuck=M.ALONE_STUCK, what=M.WHAT_PAIR.format(a=a, b=b, n=n), hints=HINTS,
    )
    assert seen["pair_met"], M.SERIAL.format(a=a, b=b, n=n)


@pytest.mark.parametrize("n, meals", TABLES)
def test_philosophers_never_deadlock_when_each_has_picked_up_one_fork(judge, n, meals):
    """Even when every philosopher has picked up one fork at the same moment, every philosopher
    goes on to eat every meal."""
    seen = judge.run(
        S.worst_moment, n, meals,
        stuck=M.CYCLE, what=M.WHAT_TABLE.format(n=n), hints=HINTS,
    )
    assert not seen["livelock"], M.LIVELOCK.format(rounds=S.ROUNDS)
    assert_fed(seen, n, meals, M.MEALS_SKIPPED)


# --- tests: dine ----------------------------------------------------------------------------------


@pytest.mark.parametrize("n, meals", DINNERS)
def test_dine_runs_philosopher_i_in_a_thread_named_philosopher_i(judge, n, meals):
    """dine calls eat(i) only in the thread named "philosopher-i"."""
    seen = run_dine(judge, n, meals)
    eaters = {}  # by repr: eat may have been handed anything, hashable or not
    for i, thread, _ in seen["meals"]:
        eaters.setdefault(repr(i), set()).add(thread)
    for i, threads in eaters.items():
        shared = sorted(threads - {"MainThread"})
        assert len(shared) < 2, M.SAME_I_IN_THREADS.format(i=i, threads=", ".join(shared))
    for i, thread, _ in seen["meals"]:
        message = M.EATS_IN_CALLER if thread == "MainThread" else M.THREAD_NAMES
        assert thread == f"philosopher-{i}", message.format(i=i, got=thread)


@pytest.mark.parametrize("n, meals", DINNERS)
def test_dine_runs_all_of_a_philosophers_meals_in_one_thread(judge, n, meals):
    """dine has each philosopher eat all its meals in one thread."""
    seen = run_dine(judge, n, meals)
    for i, threads in sorted(seen["threads_of"].items()):
        assert threads == 1, M.MEALS_IN_THREADS.format(i=i, threads=threads, meals=meals)


@pytest.mark.parametrize("n, meals", DINNERS)
def test_dine_feeds_every_philosopher_meals_times(judge, n, meals):
    """dine(n, meals, eat) has each philosopher 0 ... n-1 eat exactly `meals` times."""
    seen = run_dine(judge, n, meals)
    assert_fed(seen, n, meals, M.DINE_MEALS)


@pytest.mark.parametrize("n, meals", DINNERS)
def test_dine_starts_every_philosopher_before_it_joins_one(judge, n, meals):
    """dine starts all n philosopher threads before it joins any, so that each reaches for its
    forks while the others can too."""
    started = run_dine(judge, n, meals)["started_at_first_join"]
    assert started is None or started >= n, M.JOINED_BEFORE_ALL_STARTED.format(
        n=n, meals=meals, started=started
    )


@pytest.mark.parametrize("n, meals", DINNERS)
def test_dine_joins_every_philosopher_before_returning(judge, n, meals):
    """When dine returns, it has joined every thread it started, even one whose meal lasts
    long."""
    seen = run_dine(judge, n, meals, linger=True)
    assert not seen["unjoined"], M.NOT_JOINED.format(names=seen["unjoined"])


@pytest.mark.parametrize("n, meals", DINNERS)
def test_dine_makes_its_forks_with_threading_lock(judge, n, meals):
    """dine(n, ...) makes a threading.Lock() for each of its n forks."""
    seen = run_dine(judge, n, meals)
    assert_forks_made(seen, n)


@pytest.mark.parametrize(
    "n, meals", [pytest.param(5, 2, id="five"), pytest.param(3, 1, id="three")]
)
def test_dine_never_lets_neighbours_eat_at_once(judge, n, meals):
    """Under dine, two neighbours never eat at the same time, even when each eats until a
    neighbour comes to eat too."""
    seen = run_dine(judge, n, meals, neighbourly=True)
    if seen["neighbours_met"]:
        a, b = sorted(seen["neighbours_met"][0])
        pytest.fail(M.NEIGHBOURS_TOGETHER.format(a=a, b=b), pytrace=False)


def test_dine_never_has_a_philosopher_wait_for_a_lock_held_by_a_non_neighbour_who_eats(judge):
    """Under dine(5, ...), while a philosopher eats, no philosopher who shares no fork with it
    waits to take a Lock or RLock that it holds, even when each eats until a neighbour comes to
    eat too."""
    seen = run_dine(judge, 5, 2, neighbourly=True)
    if seen["kept_waiting"]:
        eater, waiter, lock = seen["kept_waiting"][0]
        pytest.fail(
            M.WAITS_FOR_AN_EATER.format(eater=eater, waiter=waiter, lock=lock, n=5), pytrace=False
        )


@pytest.mark.parametrize("a, b", NON_NEIGHBOURS)
def test_dine_lets_two_philosophers_who_share_no_fork_eat_at_once(judge, a, b):
    """Under dine(5, ...), any two philosophers who share no fork eat at the same time while the
    others wait."""
    seen = run_dine(judge, 5, 1, pair=(a, b))
    assert seen["pair_met"], M.DINE_SERIAL.format(a=a, b=b, n=5)


@pytest.mark.parametrize("n, meals", TABLES)
def test_dine_never_deadlocks_when_each_philosopher_has_picked_up_one_fork(judge, n, meals):
    """Under dine, even when every philosopher has picked up one fork at the same moment, every
    philosopher goes on to eat every meal."""
    seen = run_dine(judge, n, meals, moment=True)
    assert_forks_made(seen, n)
    assert_fed(seen, n, meals, M.MEALS_SKIPPED)


@pytest.mark.parametrize("switching", rules.SWITCHINGS)
@pytest.mark.parametrize(
    "n, meals, gates",
    [
        pytest.param(5, 2, {"neighbourly": True}, id="five-eating-until-a-neighbour-comes"),
        pytest.param(3, 2, {"neighbourly": True}, id="three-eating-until-a-neighbour-comes"),
        pytest.param(5, 2, {"moment": True}, id="five-each-with-one-fork-at-once"),
    ],
)
def test_dine_is_right_when_threads_switch_between_instructions(judge, n, meals, gates, switching):
    """dine feeds every philosopher `meals` times and never two neighbours at once, even when the
    threads switch between the instructions of dining.py."""
    seen = run_dine(judge, n, meals, switching=switching, **gates)
    if seen["neighbours_met"]:
        a, b = sorted(seen["neighbours_met"][0])
        pytest.fail(M.RACED.format(what=M.RACED_NEIGHBOURS.format(a=a, b=b)), pytrace=False)
    got = {i: 0 for i in range(n)} | seen["fed"]
    expected = {i: meals for i in range(n)}
    assert got == expected, M.RACED.format(
        what=M.RACED_FED.format(n=n, meals=meals, got=got, expected=expected)
    )


def test_dine_runs_with_its_defaults(judge):
    """dine() seats philosopher-0 ... philosopher-4, and each holds two forks together three
    times."""
    seen = judge.run(
        S.dine_with_defaults,
        prepare=S.record_dining, stuck=M.DINE_STUCK, what="dine()", hints=HINTS,
    )
    expected = {f"philosopher-{i}": 3 for i in range(5)}
    assert seen["pairs"] == expected, M.DEFAULTS.format(got=seen["pairs"])


def test_script_runs_its_demo(judge):
    """The file defines its API, and `python dining.py` runs any demo it has to the end."""
    judge.check_api("philosopher", "dine")
    judge.run_demo(stuck=M.CYCLE)


# --- checks shared by several rules ---------------------------------------------------------------


def run_alone(judge, n, i, meals):
    return judge.run(
        S.alone, n, i, meals,
        stuck=M.ALONE_STUCK, what=M.WHAT_ALONE.format(i=i, n=n), hints=HINTS,
    )


def run_dine(judge, n, meals, switching=None, **gates):
    if switching is None:
        stuck, hints = M.DINE_STUCK, HINTS
    else:
        stuck, hints = M.RACED_STUCK, {**HINTS, rules.NOT_A_STUB: M.RACED_RAISED}
    return judge.run(
        S.dine, n, meals,
        prepare=S.record_dining, stuck=stuck, what=f"dine({n}, {meals}, eat)", hints=hints,
        switching=switching, **gates,
    )


def assert_fed(seen, n, meals, message):
    got = {i: 0 for i in range(n)} | seen["fed"]
    assert got == {i: meals for i in range(n)}, message.format(n=n, meals=meals, got=got)


def assert_forks_made(seen, n):
    assert seen["forks"] >= n, M.FORKS_NOT_LOCKS.format(n=n, count=seen["forks"])


def forks_text(numbers) -> str:
    """Fork numbers in words: "no fork", "fork 2", "forks 1 and 2"."""
    numbers = sorted(numbers)
    if not numbers:
        return M.NO_FORK
    if len(numbers) == 1:
        return M.ONE_FORK.format(number=numbers[0])
    return M.FORKS.format(numbers=", ".join(map(str, numbers[:-1])), last=numbers[-1])
