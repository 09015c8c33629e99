"""Scenarios of kata 10 (dining philosophers), run in the judge's child against `dining.py`.

The forks are `Fork`s: plain Locks that know who holds them and number each hold (a
`TrackedLock`), called "fork 0", "fork 1", ... in the bubble's reports and in the steps a failure
shows. The scenarios hand them to `philosopher`; for `dine`, which makes its own forks,
`record_dining` (a prepare) makes each threading.Lock() that dining.py calls while dine runs a
Fork, numbered in the order made, and each thread a `Seat`, which records its start and join.

The `eat` handed to the student's code (`TABLE.eat`) records each meal: which philosopher ate,
in which thread, holding which forks in which holds. The moments the rules speak of are made to
happen, never hoped for. Their waits are in the bubble's virtual time, which runs out only when
nothing else can happen, and then at no real cost:

- the worst moment (`TABLE.moment`): a philosopher reaching for its first fork waits until
  every philosopher reaches for one, and a philosopher that has picked up its first fork waits
  until every philosopher holds one, each wait until nothing else can happen at most. So no
  philosopher picks up a fork having seen its neighbours' forks free, or busy, before they
  reached for them. Forks all picked up in one direction then close a circle: a deadlock, which
  the bubble reports at once, naming the cycle. The scenario joins the philosophers with no
  deadline, so that it is the bubble's. A philosopher that puts a fork down without having
  eaten (it backs off) then waits, before it reaches for a fork again, until every philosopher
  has backed off too, or nothing else can happen: the moment comes again, round after round,
  as it may under some interleaving. `ROUNDS` rounds in which everyone backed off and nobody ate
  are a livelock, and the table lets them go;
- two philosophers who share no fork (`TABLE.pair`): each eats until the other eats too, or
  until nothing else can happen; under `dine`, the thread of every other philosopher waits
  before it runs until both have eaten, or until nothing else can happen; then (the pair may be
  waiting for the others, at a Barrier say) it runs, but waits before it picks up a fork until
  both have eaten, or until nothing else can happen again (a meeting counts only before that);
- neighbours (`TABLE.neighbourly`): each eats until a neighbour eats too, or until nothing else
  can happen; then the table notes each philosopher who shares no fork with it and waits to take
  a Lock or RLock that it holds (`Table.note_kept_waiting`);
- a long meal (`TABLE.linger`): each eats until dine has returned, or a philosopher waits for a
  fork, or a join(timeout) of dine's has run out, or LINGER virtual seconds have passed: a dine
  that stops waiting for its threads returns while the last of them eats, one that joins again
  after a join ran out joins it, and no philosopher waits for a fork longer than it would anyway.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import re
import sys
import threading

from katakit.instruments import (
    MONITOR,
    THREAD,
    THREADS,
    RecordingThread,
    TrackedLock,
    bubble,
    observed,
    plain,
)

#: Virtual seconds a wait of the table lasts when nothing else can happen (a correct solution's
#: waits for company end so; a wrong one's too).
SETTLE = 1.0
#: Rounds of the worst moment in which every philosopher backed off and nobody ate that make a
#: livelock. A philosopher that backs off once, then picks up in a global order, backs off in
#: one round only.
ROUNDS = 3

#: Virtual seconds a lingering meal lasts at most, unless dine returns first or a join of its
#: runs out: longer than any join(timeout=...) a dine might use, and free, being virtual.
LINGER = 3600.0


class Fork(TrackedLock):
    """A fork: a plain Lock that knows its holder and numbers its holds, called "fork k"; each
    pick-up is counted per thread, and may be held at the worst moment, before it (`Table.reaching`)
    and after it (`Table.picked_up`)."""

    def __init__(self, number: int, lock) -> None:
        super().__init__(lock, name=f"fork {number}")
        self.number = number
        # Each pick-up, in order: its thread, and the numbers of the forks that thread held then.
        self.picked_by: list[tuple[str, tuple[int, ...]]] = []

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        TABLE.keep_from_forks()
        TABLE.reaching()
        got = super().acquire(blocking, timeout)
        if got:
            held = tuple(fork.number for fork in TABLE.forks if fork.held_by_me())
            self.picked_by.append((threading.current_thread().name, held))
            TABLE.picked_up()
        return got

    def release(self) -> None:
        TABLE.putting_down()
        super().release()
        TABLE.put_down()

    def free(self) -> bool:
        return not self._lock.locked()


class Table:
    """The forks and the meals of one judge's child, and the gates that make moments happen
    (see the module's docstring). Every change is announced on the MONITOR."""

    def __init__(self) -> None:
        self.n = 0
        self.forks: list[Fork] = []
        self.making = False  # dining.py's threading.Lock() calls make forks now
        self.meals: list[tuple[object, str, tuple[tuple[int, int | None], ...]]] = []
        self.eating: list[object] = []  # the philosophers in eat() now
        #: The threads each philosopher ate in (the Thread objects: an ident is reused at once).
        self.threads_of: dict[object, set[threading.Thread]] = {}
        self.neighbours_met: list[tuple[object, object]] = []
        # The worst moment.
        self.moment = False
        self.reached: set[str] = set()
        self.reaching_over = False
        self.holding_one: set[str] = set()
        self.moment_over = False
        self.hungry: set[str] = set()  # philosophers holding a fork picked up since their meal
        self.backing_off: set[str] = set()  # those about to put their last one down uneaten
        self.backed_off: set[str] = set()  # those who put it down, this round
        self.rounds = 0  # rounds in which every philosopher backed off and nobody ate
        self.rounds_over = False  # somebody ate, or the rounds made a livelock
        self.livelock = False
        # Two philosophers who share no fork.
        self.pair: tuple[int, int] | None = None
        self.keep_out = False  # every other thread waits before it runs
        self.pair_fed: set[object] = set()
        self.others_let_in = False
        self.forks_open = False  # the others, let in, may pick up forks too
        self.pair_met = False
        # Neighbours.
        self.neighbourly = False
        #: (eater, waiter, the lock) for each philosopher who shares no fork with one that eats
        #: and waits to take a lock that the eater holds.
        self.kept_waiting: list[tuple[object, int, str]] = []
        # A long meal.
        self.linger = False
        self.dine_returned = False
        self.join_ran_out = False  # a join(timeout) of dine's returned with its thread alive

    def lay(self, n: int) -> list[Fork]:
        """n new forks for a table of n philosophers."""
        self.n = n
        self.forks = [Fork(k, threading.Lock()) for k in range(n)]
        return self.forks

    # --- the gates -------------------------------------------------------------------------

    def before_sitting_down(self) -> None:
        """Keep every thread but the pair's away from the table until both have eaten."""
        if not self.keep_out or threading.current_thread().name in pair_names(self.pair):
            return
        MONITOR.wait_until(lambda: len(self.pair_fed) == 2 or self.others_let_in, SETTLE)
        with MONITOR.changing():
            if not self.others_let_in:
                self.others_let_in = True
                observed()  # a failure shows the steps of the pair's meals, not what followed

    def keep_from_forks(self) -> None:
        """Once the others are let in, keep them from the forks until the pair has eaten."""
        if not self.others_let_in or threading.current_thread().name in pair_names(self.pair):
            return
        MONITOR.wait_until(lambda: len(self.pair_fed) == 2 or self.forks_open, SETTLE)
        with MONITOR.changing():
            if not self.forks_open:
                self.forks_open = True
                observed()  # a failure shows the steps of the pair's meals, not what followed

    def reaching(self) -> None:
        """At the worst moment: hold a philosopher reaching for its first fork until every
        philosopher reaches for one, so that each chooses its fork before any fork is picked up
        (a choice made by looking at the forks, locked() say, is made by all at once). A
        philosopher that backed off first waits for the next round."""
        if not self.moment:
            return
        if threading.current_thread().name in self.backed_off:
            round_ = self.rounds
            MONITOR.wait_until(lambda: self.rounds > round_ or self.rounds_over, SETTLE)
        if self.reaching_over:
            return
        with MONITOR.changing():
            self.reached.add(threading.current_thread().name)
        MONITOR.wait_until(lambda: len(self.reached) >= self.n or self.reaching_over, SETTLE)
        with MONITOR.changing():
            self.reaching_over = True

    def picked_up(self) -> None:
        """At the worst moment: hold a first fork until every philosopher holds one."""
        if not self.moment:
            return
        if not self.rounds_over:
            with MONITOR.changing():
                self.hungry.add(threading.current_thread().name)
        if self.moment_over:
            return
        with MONITOR.changing():
            self.holding_one.add(threading.current_thread().name)
        MONITOR.wait_until(lambda: len(self.holding_one) >= self.n or self.moment_over, SETTLE)
        with MONITOR.changing():
            self.moment_over = True

    def backs_off(self, forks_left: int) -> bool:
        """Whether the calling philosopher backs off in the worst moment's rounds: it picked up
        a fork since its last meal, and holds `forks_left` forks (1 as it puts its last one
        down, 0 once it has)."""
        me = threading.current_thread().name
        if not self.moment or self.rounds_over or me not in self.hungry:
            return False
        return sum(fork.held_by_me() for fork in self.forks) == forks_left

    def putting_down(self) -> None:
        """At the worst moment, a philosopher about to put down the last fork it holds without
        having eaten waits until every philosopher is about to, or nothing else can happen: so
        each has tried its other fork before any fork is put down."""
        if not self.backs_off(1):
            return
        with MONITOR.changing():
            self.backing_off.add(threading.current_thread().name)
        round_ = self.rounds
        MONITOR.wait_until(
            lambda: len(self.backing_off) >= self.n or self.rounds > round_ or self.rounds_over,
            SETTLE,
        )

    def put_down(self) -> None:
        """At the worst moment, a fork put down: a philosopher that picked up a fork since its
        last meal and now holds none has backed off. Once every philosopher has, in a round
        where nobody ate, the moment comes again, unless that makes ROUNDS rounds: a livelock."""
        if not self.backs_off(0):
            return
        me = threading.current_thread().name
        with MONITOR.changing():
            self.hungry.discard(me)
            self.backed_off.add(me)
            if len(self.backed_off) < self.n:
                return
            self.rounds += 1
            self.backed_off.clear()
            self.backing_off.clear()
            if self.rounds >= ROUNDS:
                self.livelock = self.rounds_over = True
                observed()  # a failure shows the rounds, not the meals that followed
                return
            self.reached.clear()
            self.holding_one.clear()
            self.reaching_over = self.moment_over = False

    # --- eat -------------------------------------------------------------------------------

    def eat(self, i: object) -> None:
        """The `eat` handed to the student's code: record the meal; in some scenarios, wait for
        company (see the module's docstring)."""
        me = threading.current_thread().name
        held = tuple((fork.number, fork.hold()) for fork in self.forks if fork.held_by_me())
        with MONITOR.changing():
            self.meals.append((plain(i), me, held))
            if self.moment:  # the moment's rounds end at its first meal
                self.rounds_over = True
            self.threads_of.setdefault(plain(i), set()).add(threading.current_thread())
            self.eating.append(i)
            self.note_company(i)
        if self.neighbourly or self.pair is not None and i in self.pair:
            MONITOR.wait_until(lambda: self.has_company(i), SETTLE)
        if self.neighbourly:
            self.note_kept_waiting(i)
        if self.linger:
            MONITOR.wait_until(self.meal_over, LINGER)
        with MONITOR.changing():
            self.note_company(i)
            self.eating.remove(i)
            if self.pair is not None and i in self.pair:
                self.pair_fed.add(i)

    def note_kept_waiting(self, i: object) -> None:
        """Note each philosopher (a thread named "philosopher-j") who shares no fork with `i`
        and waits, while `i` eats, to take a Lock or RLock that `i` holds. A failure shows the
        steps up to the first such wait."""
        for name, lock in bubble.BUBBLE.waiting_for_locks_of(threading.current_thread()):
            j = philosopher_number(name)
            if j is not None and type(i) is int and j != i and not self.neighbours(i, j):
                if not self.kept_waiting:
                    observed()
                label = bubble.BUBBLE.label(lock, type(lock).__name__)
                self.kept_waiting.append((plain(i), j, label))

    def meal_over(self) -> bool:
        """Whether a lingering meal is over: dine has returned, has seen a join run out (so a
        dine that joins again in a loop is not kept waiting for LINGER virtual seconds, one short
        timeout at a time), or a philosopher waits for a fork."""
        return self.dine_returned or self.join_ran_out or self.waited_for()

    def waited_for(self) -> bool:
        """Whether a philosopher waits for a fork now."""
        return any(fork.blocked for fork in self.forks)

    def has_company(self, i: object) -> bool:
        if self.neighbourly:
            return any(self.neighbours(i, j) for j in self.eating)
        a, b = self.pair
        return (b if i == a else a) in self.eating

    def note_company(self, i: object) -> None:
        """Record who eats with `i` now: a neighbour; the other of the pair, while the others
        are still kept from the forks."""
        for j in self.eating:
            if self.neighbours(i, j):
                self.neighbours_met.append((plain(i), plain(j)))
        if self.pair is not None and set(self.pair) <= set(self.eating) and not self.forks_open:
            self.pair_met = True

    def neighbours(self, i: object, j: object) -> bool:
        if type(i) is not int or type(j) is not int or i == j:
            return False
        return (i - j) % self.n in (1, self.n - 1)

    # --- what was seen ---------------------------------------------------------------------

    def fed(self) -> dict[object, int]:
        """How many times each philosopher ate."""
        return dict(collections.Counter(i for i, _, _ in self.meals))

    def held_forks(self) -> list[int]:
        """The forks still held."""
        return [fork.number for fork in self.forks if not fork.free()]

    def seen(self) -> dict[str, object]:
        return {
            "meals": list(self.meals),
            "fed": self.fed(),
            "held": self.held_forks(),
            "forks": len(self.forks),
            "neighbours_met": list(self.neighbours_met),
            "kept_waiting": list(self.kept_waiting),
            "pair_met": self.pair_met,
            "livelock": self.livelock,
            "threads_of": {i: len(threads) for i, threads in self.threads_of.items()},
        }


TABLE = Table()


def pair_names(pair: tuple[int, int] | None) -> tuple[str, ...]:
    return tuple(f"philosopher-{i}" for i in pair or ())


def philosopher_number(name: str) -> int | None:
    """j, for a thread named "philosopher-j"; else None."""
    found = re.fullmatch(r"philosopher-(\d+)", name)
    return int(found[1]) if found else None


# --- scenarios: philosopher -----------------------------------------------------------------------


def seat(dining, forks: list[Fork], meals: int, who: range | tuple[int, ...]) -> None:
    """philosopher(i, forks, meals, TABLE.eat) for each i of `who`, each in a thread named
    "philosopher-i", all at once; joined with no deadline (a deadlock is the bubble's to
    report). An exception of the student's code escapes its thread: the judge shows it."""
    threads = [
        THREAD(
            target=dining.philosopher,
            args=(i, forks, meals, TABLE.eat),
            name=f"philosopher-{i}",
            daemon=True,
        )
        for i in who
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def alone(dining, n, i, meals):
    """Philosopher i alone at a table of n forks, eating `meals` times."""
    seat(dining, TABLE.lay(n), meals, (i,))
    observed()
    return TABLE.seen()


def pair(dining, n, a, b):
    """Philosophers a and b, who share no fork, at a table of n forks, one meal each; each eats
    until the other eats too, or until nothing else can happen."""
    TABLE.pair = (a, b)
    seat(dining, TABLE.lay(n), 1, (a, b))
    observed()
    return TABLE.seen()


def worst_moment(dining, n, meals):
    """n philosophers at a table of n forks, each holding its first fork until every
    philosopher holds one (or nothing else can happen), then eating `meals` times."""
    TABLE.moment = True
    seat(dining, TABLE.lay(n), meals, range(n))
    if not TABLE.livelock:
        observed()
    return TABLE.seen()


# --- scenarios: dine ------------------------------------------------------------------------------


class Seat(RecordingThread):
    """A thread that records its start() and join() (a RecordingThread) and, while the TABLE
    keeps others away, runs its run() (a subclass's own too) only once the pair has eaten,
    unless it is one of the pair, or until nothing else can happen: so those kept away hold
    nothing of the student's meanwhile (the TABLE then keeps them from the forks a while
    longer). A join(timeout) of it that runs out ends a lingering meal."""

    def start(self) -> None:
        run = self.run

        def seated_run() -> None:
            TABLE.before_sitting_down()
            run()

        self.run = seated_run
        super().start()

    def join(self, timeout: float | None = None) -> None:
        super().join(timeout)
        if self.is_alive():
            with MONITOR.changing():
                TABLE.join_ran_out = True


def record_dining() -> None:
    """The prepare of dine's scenarios: each threading.Lock() that dining.py calls while dine
    runs is a Fork, numbered in the order made, and threading's threads are Seats."""
    make_lock = threading.Lock

    def lock_or_fork():
        lock = make_lock()
        if not TABLE.making or not bubble.BUBBLE.is_student(sys._getframe(1).f_code):
            return lock
        fork = Fork(len(TABLE.forks), lock)
        TABLE.forks.append(fork)
        return fork

    threading.Lock = lock_or_fork
    threading.Thread = Seat


def dine(dining, n, meals, *, neighbourly=False, pair=None, moment=False, linger=False):
    """dine(n, meals, TABLE.eat) in this thread, with the table's gates set as asked: what was
    seen, the philosophers dine had not joined when it returned, and how many philosophers
    (threads that ate) it had started when it first joined one of them. Those not joined are
    then joined here, with no deadline."""
    TABLE.n = n
    TABLE.neighbourly = neighbourly
    TABLE.pair = pair
    TABLE.keep_out = pair is not None
    TABLE.moment = moment
    TABLE.linger = linger
    TABLE.join_ran_out = False
    TABLE.making = True
    dining.dine(n, meals, TABLE.eat)
    TABLE.making = False
    with MONITOR.changing():
        TABLE.dine_returned = True
    unjoined = [thread.name for thread in THREADS.not_joined()]
    joins = len(THREADS.first_joins)
    for thread in list(THREADS.started):
        thread.join()
    if pair is None and not TABLE.kept_waiting:
        observed()
    eaters = {id(thread) for threads in TABLE.threads_of.values() for thread in threads}
    started = THREADS.started_at_first_join(lambda thread: id(thread) in eaters, joins)
    return {**TABLE.seen(), "unjoined": unjoined, "started_at_first_join": started}


def dine_with_defaults(dining):
    """dine() with no arguments: how many times each thread came to hold two forks at once (a
    philosopher that puts a fork back and picks up both again still eats once). The forks are
    those dine hands to philosopher (as its `forks`), when it calls the module's philosopher;
    else every Lock dining.py made while dine ran (a Lock of dine's own, a mutex or a signal,
    then counts as one)."""
    handed: set[int] = set()
    original = dining.philosopher

    @functools.wraps(original)
    def noting_philosopher(*args, **kwargs):
        forks = kwargs.get("forks", args[1] if len(args) > 1 else ())
        with contextlib.suppress(TypeError):
            handed.update(fork.number for fork in forks if isinstance(fork, Fork))
        return original(*args, **kwargs)

    dining.philosopher = noting_philosopher
    TABLE.making = True
    try:
        dining.dine()
    finally:
        TABLE.making = False
        dining.philosopher = original
    observed()
    forks = handed or {fork.number for fork in TABLE.forks}
    pairs = collections.Counter(
        name
        for fork in TABLE.forks
        if fork.number in forks
        for name, held in fork.picked_by
        if len(forks.intersection(held)) == 2
    )
    return {"pairs": dict(pairs), "forks": len(TABLE.forks)}
