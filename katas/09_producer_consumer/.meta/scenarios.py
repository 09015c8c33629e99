"""Scenarios of kata 09 (producer/consumer), run in the judge's child against the student's
`pipeline.py`.

Every queue the student's code uses is a `RecordingQueue`: a real `queue.Queue` (`record`, the
`prepare` of every rule, puts it in place of `queue.Queue` before the student's module is
imported) that records every item put and taken with the thread that did it, the most items it
ever held, every call that looks at the queue instead of waiting on it (a poll: a read of its
`queue` deque too), and a `shutdown()`. The code runs in a bubble, so a timeout below costs
nothing real: it runs out only once every other thread waits, that is, only when a correct
solution would already have done what the scenario waits for. So:

- "the queue never holds more than maxsize": `handle` keeps every consumer that enters it until
  a `put()` has found the queue full (and so waited), so a queue that is not bounded fills up;
- "consumers work at the same time": `handle` keeps the first consumer that enters it until
  another consumer enters it too;
- a consumer that polls is seen at its first poll, a consumer that gives up on an empty queue
  after the queue has stayed empty for a long (virtual) while.
"""

from __future__ import annotations

import collections
import queue
import sys
import threading

from katakit.instruments import (
    MONITOR,
    THREADS,
    Runner,
    bubble,
    observed,
    pass_time,
    plain,
    record_threads,
    seconds,
)

#: The real class, whatever `record` did.
QUEUE = queue.Queue
#: Seconds a scenario waits for what a correct solution does at once (virtual: they cost
#: nothing, and run out only when nothing else can happen).
SETTLE = 1.0
#: Seconds an empty queue stays empty before the consumer gets its first item.
LONG = 5.0
#: What the scenarios return for the sentinel.
DONE_MARK = "DONE"
#: The places of the queue a producer's rules give it: far more than any producer puts.
ROOM = 1000
#: Virtual seconds the first call of a lingering handle lasts at most, unless run() returns first:
#: longer than a join(timeout=...) a run might use, and free, being virtual; not so long that a
#: correct run that waits for its consumers in a loop of short timeouts spins through it.
LINGER = 120.0
#: How many polls a queue keeps (a spinning consumer makes millions).
KEPT_POLLS = 10


class RecordingQueue(QUEUE):
    """A queue.Queue that records what the student's code does with it (see the module's
    docstring). Changes a scenario waits for are announced on the MONITOR."""

    def __init__(self, maxsize: int = 0) -> None:
        super().__init__(maxsize)
        self.puts: list[tuple[str, object]] = []  # (thread, item), in the order they went in
        self.gets: list[tuple[str, object]] = []  # (thread, item), in the order they came out
        self.polls: list[tuple[str, str]] = []  # (thread, the call), the first KEPT_POLLS
        self.getting: list[str] = []  # threads in get() now
        self.found_full = 0  # blocking put() calls that found the queue full, so waited
        self.most = 0  # the most items the queue ever held
        self.shutdowns: list[bool] = []  # each shutdown(): whether immediate
        # A deadlock report says a thread waits to get from or put on this queue: the first one
        # made is the one consumer() and producer() are handed, `q`; any other keeps the
        # bubble's own name. The steps a failure shows are the queue's own (put, get), not
        # those of its lock and conditions.
        if not QUEUES:
            bubble.name(self, "q")
        bubble.quieten(self.mutex, self.not_empty, self.not_full, self.all_tasks_done)
        with MONITOR.changing():
            QUEUES.append(self)

    # --- what the queue holds (called with self.mutex held) ---

    def _put(self, item: object) -> None:
        super()._put(item)
        self.puts.append((threading.current_thread().name, item))
        self.most = max(self.most, self._qsize())

    def _get(self) -> object:
        item = super()._get()
        me = threading.current_thread().name
        self.gets.append((me, item))
        TAKEN_FROM[me] = self
        return item

    # --- the items: queue.Queue's own deque, which the student's code can read too ---

    @property
    def queue(self) -> collections.deque:
        """The items; the student's code reading them looks at the queue instead of waiting."""
        if bubble.BUBBLE is not None and bubble.BUBBLE.is_student(sys._getframe(1).f_code):
            self._poll("queue")
        return self._items

    @queue.setter
    def queue(self, items: collections.deque) -> None:
        self._items = items

    # --- the calls ---

    def put(self, item: object, block: bool = True, timeout: float | None = None) -> None:
        if not block or timeout is not None:
            self._poll(f"put(block={block!r}, timeout={timeout!r})")
        if block and 0 < self.maxsize <= len(self.queue):
            step(f"put({shown(item)}): q full")
            with MONITOR.changing():
                self.found_full += 1
        super().put(item, block, timeout)
        step(f"put({shown(item)})")

    def get(self, block: bool = True, timeout: float | None = None) -> object:
        if not block or timeout is not None:
            self._poll(f"get(block={block!r}, timeout={timeout!r})")
        if block and not self.queue:
            step("get(): q empty")
        self._inside_get(+1)
        try:
            item = super().get(block, timeout)
        finally:
            self._inside_get(-1)
        step(f"get() -> {shown(item)}")
        return item

    def put_nowait(self, item: object) -> None:
        self._poll("put_nowait()")
        QUEUE.put(self, item, False)

    def get_nowait(self) -> object:
        self._poll("get_nowait()")
        return QUEUE.get(self, False)

    def empty(self) -> bool:
        self._poll("empty()")
        return super().empty()

    def qsize(self) -> int:
        self._poll("qsize()")
        return super().qsize()

    def full(self) -> bool:
        self._poll("full()")
        return super().full()

    if hasattr(QUEUE, "shutdown"):  # Python 3.13+

        def shutdown(self, immediate: bool = False) -> None:
            self.shutdowns.append(bool(immediate))
            super().shutdown(immediate)

    # --- for the scenarios: never recorded as the student's ---

    def feed(self, item: object) -> None:
        """Put `item` from the scenario (on a queue with room)."""
        QUEUE.put(self, item)

    def _poll(self, call: str) -> None:
        if len(self.polls) < KEPT_POLLS:
            with MONITOR.changing():
                self.polls.append((threading.current_thread().name, call))

    def _inside_get(self, change: int) -> None:
        name = threading.current_thread().name
        with MONITOR.changing():
            if change > 0:
                self.getting.append(name)
            else:
                self.getting.remove(name)


#: Every RecordingQueue made in this child, in order.
QUEUES: list[RecordingQueue] = []
#: The queue each thread took its last item from, by thread name.
TAKEN_FROM: dict[str, RecordingQueue] = {}
#: The student's DONE, once a scenario has `met` the student's module.
SENTINEL: list[object] = []


def record() -> None:
    """The `prepare` of every rule: the student's queue.Queue (also `from queue import Queue`)
    and threading.Thread are recording ones."""
    queue.Queue = RecordingQueue
    record_threads()
    bubble.quieten(THREADS.all_started._cond)  # the recording threads' own, not the student's


def met(student) -> None:
    """Know the student's DONE (every scenario calls this first)."""
    SENTINEL[:] = [getattr(student, "DONE", None)]


def mark(item: object) -> object:
    """`item` as a plain value, the student's DONE as DONE_MARK."""
    return DONE_MARK if SENTINEL and item is SENTINEL[0] else plain(item)


def marks(items) -> list:
    return [mark(item) for item in items]


def shown(item: object) -> str:
    """`item` as a step shows it: short."""
    text = DONE_MARK if SENTINEL and item is SENTINEL[0] else repr(plain(item))
    return text if len(text) <= 8 else text[:7] + "…"


def step(text: str) -> None:
    """A step of the student's code that a failure shows (in a bubble)."""
    if bubble.BUBBLE is not None:
        bubble.BUBBLE.step(text)


def polls_of(q: RecordingQueue) -> list[str]:
    """The polls of `q`, as "thread: call"."""
    return [f"{thread}: q.{call}" for thread, call in q.polls]


# --- consumer ------------------------------------------------------------------------------------

#: What a consumer's scenario puts, once it has observed, for a consumer that went on after its
#: DONE: handing it to handle() ends that consumer's thread, so that no thread is left behind.
HALT = object()


def recorder(handled: list):
    """The `handle` of the consumer's scenarios: keeps each item in `handled`."""

    def handle(item: object) -> None:
        if item is HALT:
            raise SystemExit  # ends the thread, silently
        handled.append(item)

    return handle


def halt(q: RecordingQueue, runner: Runner) -> None:
    """End the consumer that is still running: it went on after its DONE."""
    for _ in range(3):
        q.feed(HALT)
    runner.join(SETTLE)


def consume_filled(student, items, after):
    """consumer(q, handle) on a queue holding `items`, DONE, then `after`: what it handled,
    returned, and left in the queue."""
    met(student)
    q = RecordingQueue()
    for item in [*items, student.DONE, *after]:
        q.feed(item)
    handled: list[object] = []
    runner = Runner(catch=False)
    runner.start("consumer-0", student.consumer, q, recorder(handled))
    running = runner.join(SETTLE)
    observed()
    seen = {
        "handled": marks(handled),
        "returned": plain(runner.results.get("consumer-0")),
        "running": bool(running),
        "left": marks(q.queue),
        "waited": seconds(SETTLE),
    }
    if running:
        halt(q, runner)
    return seen


def consume_from_empty(student, items):
    """consumer(q, handle) on an empty queue, which stays empty for LONG seconds (unless the
    consumer polls); then `items` and DONE are put one by one."""
    met(student)
    q = RecordingQueue()
    handled: list[object] = []
    runner = Runner(catch=False)
    thread = runner.start("consumer-0", student.consumer, q, recorder(handled))
    MONITOR.wait_until(lambda: q.polls or q.getting or not thread.is_alive(), SETTLE)
    if not q.polls:
        pass_time(LONG)  # a consumer that waits in get() waits through it
    gave_up = not thread.is_alive()
    for item in [*items, student.DONE]:
        q.feed(item)
    running = runner.join(SETTLE)
    observed()
    seen = {
        "polls": polls_of(q),
        "gave_up": gave_up,
        "empty_for": seconds(LONG),
        "waited": seconds(SETTLE),
        "handled": marks(handled),
        "returned": plain(runner.results.get("consumer-0")),
        "running": bool(running),
    }
    if running:
        halt(q, runner)
    return seen


# --- producer ------------------------------------------------------------------------------------


def given(items, once: bool):
    """`items` as the student's code gets them: a list, or (`once`) a generator, which gives each
    item once."""
    return (item for item in items) if once else list(items)


def produce(student, items, n_consumers, once=False):
    """producer(q, items, n_consumers) on a bounded queue with room for far more than it puts
    (so that a look at whether it is full reads the queue): what it put, in order, and whether it
    shut the queue down. `once`: items come from a generator."""
    met(student)
    q = RecordingQueue(ROOM)
    runner = Runner(catch=False)
    runner.start("producer", student.producer, q, given(items, once), n_consumers)
    runner.join(SETTLE)
    observed()
    return {
        "puts": marks(item for _, item in q.puts),
        "shutdowns": q.shutdowns,
        "polls": polls_of(q),
    }


# --- run ----------------------------------------------------------------------------------------


class Handler:
    """The `handle` given to run(): records who handled what, from which queue, and can keep a
    consumer inside until what `hold` says has happened."""

    def __init__(self, hold=None, patience: float = SETTLE) -> None:
        self.handled: list[tuple[str, object]] = []  # (thread, item)
        self.sources: list[RecordingQueue] = []  # the queues the handled items came from
        self.entries = 0
        self.hold = hold  # hold(handler, entry, q) -> a predicate to wait for, or None
        self.patience = patience  # the virtual seconds a held consumer waits at most
        self.run_returned = False
        self.held: list[tuple[str, bool]] = []  # (thread, whether what it waited for came)

    def __call__(self, item: object) -> None:
        me = threading.current_thread().name
        source = TAKEN_FROM.get(me)
        with MONITOR.changing():
            self.handled.append((me, item))
            if source is not None and source not in self.sources:
                self.sources.append(source)
            self.entries += 1
            entry = self.entries
        predicate = self.hold(self, entry, source) if self.hold else None
        if predicate is not None:
            self.held.append((me, MONITOR.wait_until(predicate, self.patience)))

    def handlers(self) -> set[str]:
        """The threads that handled an item."""
        return {thread for thread, _ in self.handled}

    def work_queue(self) -> RecordingQueue | None:
        """The queue the items came from: the one the handled items were taken from, else the
        one DONE was put on (or that was shut down), else the first made."""
        ended = [q for q in QUEUES if q.shutdowns or any(mark(i) == DONE_MARK for _, i in q.puts)]
        found = self.sources or ended or QUEUES
        return found[0] if found else None


def call_run(student, items, n_consumers, maxsize, handler, once=False):
    """run(...) from this thread, and what it did, as plain values. `once`: items come from a
    generator."""
    met(student)
    counts = student.run(given(items, once), n_consumers, maxsize, handler)
    with MONITOR.changing():
        handler.run_returned = True
    observed()
    q = handler.work_queue()
    return {
        "counts": plain(counts),
        "handled": [(thread, mark(item)) for thread, item in handler.handled],
        "held": handler.held,
        "waited": seconds(SETTLE),
        "maxsize": None if q is None else q.maxsize,
        "most": None if q is None else q.most,
        "left": [] if q is None else marks(q.queue),
        "putters": sorted({thread for thread, _ in q.puts}) if q else [],
        "takers": sorted({thread for thread, _ in q.gets}) if q else [],
        "started": [t.name for t in THREADS.started],
        "unjoined": [t.name for t in THREADS.not_joined()],
        "caller": threading.current_thread().name,
    }


def run_items(student, items, n_consumers, maxsize, once=False):
    """run(items, n_consumers, maxsize, handle) with a handle that records; `once`: items come
    from a generator."""
    return call_run(student, items, n_consumers, maxsize, Handler(), once)


def hold_the_first_until_run_returns(handler: Handler, entry: int, q: RecordingQueue | None):
    """Keep the first consumer in handle() until run() has returned."""
    return (lambda: handler.run_returned) if entry == 1 else None


def run_lingering(student, items, n_consumers, maxsize):
    """run() whose handle keeps the first consumer inside until run() has returned, or LINGER
    virtual seconds have passed: a run that stops waiting for its threads returns while it is
    inside."""
    handler = Handler(hold_the_first_until_run_returns, LINGER)
    return call_run(student, items, n_consumers, maxsize, handler)


def run_with_defaults(student, items):
    """run(items, handle=handle): its defaults, three consumers and a queue of two."""
    met(student)
    handler = Handler()
    student.run(list(items), handle=handler)
    observed()
    q = handler.work_queue()
    consumers = [t.name for t in THREADS.started if t.name.startswith("consumer-")]
    return {"consumers": len(consumers), "maxsize": None if q is None else q.maxsize}


def hold_until_the_producer_waits(handler: Handler, entry: int, q: RecordingQueue | None):
    """Keep every consumer in handle() until a put() has found the queue full (and waited)."""
    return None if q is None else (lambda: q.found_full)


def run_filling(student, items, n_consumers, maxsize):
    """run() whose handle keeps every consumer inside until a put() has found the queue full:
    the most items the queue held."""
    return call_run(student, items, n_consumers, maxsize, Handler(hold_until_the_producer_waits))


def hold_the_first_until_another_enters(handler: Handler, entry: int, q: RecordingQueue | None):
    """Keep the first consumer in handle() until another consumer enters handle() too."""
    return (lambda: handler.entries > 1) if entry == 1 else None


def run_together(student, items, n_consumers, maxsize):
    """run() whose handle keeps the first consumer inside until another consumer enters too."""
    return call_run(
        student, items, n_consumers, maxsize, Handler(hold_the_first_until_another_enters)
    )


def hold_consumer_0_until_consumer_1_ends(handler: Handler, entry: int, q):
    """Keep consumer-1 in handle() until consumer-0 has an item too, and consumer-0 until
    consumer-1, once it has handled an item (so its thread runs), has ended: consumer-0 handles
    one item and ends last."""
    me = threading.current_thread().name
    if me == "consumer-1":
        return lambda: "consumer-0" in handler.handlers()
    if me == "consumer-0":
        return lambda: "consumer-1" in handler.handlers() and not any(
            t.name == "consumer-1" and t.is_alive() for t in THREADS.started
        )
    return None


def run_consumer_0_ends_last(student, items, n_consumers, maxsize):
    """run() whose handle makes consumer-0 end last, with one item: counts kept in the order the
    consumers end are not by index. No thread runs before every thread has started, so an index
    that a thread reads late (`lambda: consume(i)` in the loop that starts them) is the last."""
    THREADS.hold_until(n_consumers + 1)
    return call_run(
        student, items, n_consumers, maxsize, Handler(hold_consumer_0_until_consumer_1_ends)
    )
