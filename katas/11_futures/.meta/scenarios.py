"""Scenarios of kata 11 (futures), run in the judge's child against the student's `fetch.py`.

The `fetch` a scenario hands to the student's code is the scene's own (`Scene.fetch`): it notes
on the MONITOR which url it is fetching, then waits until the scenario lets that url finish,
with its page or with its exception. So the scenario, not the speed of a thread, decides the
order in which fetches finish: one at a time, the one that comes last in urls first, so that
they finish in an order other than the order of the urls.

Between two moves the scenario lets the threads settle (`settle`): in the bubble, time passes
only once every thread waits, so what the scenario counts then (how many fetches run, which urls
were fetched) is what the student's code does once nothing more can happen, not what a fast or
slow thread happened to reach.

`record_pool` runs before the student's module is imported:

- threads are `RecordingThread`s, so that a scenario knows which of the executor's threads a
  join saw finish before the student's function returned;
- every `ThreadPoolExecutor` is recorded, so that a scenario that has seen one left running can
  shut it down itself: only the rule about shutting down fails on it, not every rule;
- `Future.set_result` and `set_exception`, called by the pool's thread whose fetch has just
  finished, then wait until every other thread waits. So the thread waiting for that future
  always gets to act on it (cancel the rest) before that pool thread takes its next url. The
  real executor may take that schedule too (it usually takes the other one: the pool thread
  goes on at once); in this one, `fetch` must never be called for a url whose future was
  cancelled;
- each `Future` hashes as its number in the order futures were made, so a set of futures (what
  `wait()` returns) gives them in the order they were submitted, on every run: a choice the
  student's code leaves to the order of a set is the same choice each time.
"""

from __future__ import annotations

import concurrent.futures
import inspect
import itertools
import sys
import threading
from pathlib import Path

from katakit.instruments import (
    MONITOR,
    THREADS,
    Runner,
    finish_others,
    observed,
    pass_time,
    plain,
    record_threads,
    seconds,
)
from katakit.rules import Messages

#: The kata's messages: what a scenario says of a value is in the student's language.
M = Messages(Path(__file__).resolve().with_name("messages.toml"))

#: The urls of the scenarios (a scenario takes the first n): not in sorted order, so that pairs
#: sorted by url are not the pairs in the order of urls.
NAMES = ("news", "about", "shop", "blog", "docs", "help", "mail", "jobs")
URLS = tuple(f"https://example.com/{name}" for name in NAMES)
#: Seconds of one settling step: time passes in the bubble only once every thread waits. Not a
#: round number: a loop of the student's that sleeps a round interval (10 ms, 1 ms) would wake
#: at the very instant a step ends, and whether it looked before or after what the scenario does
#: then would be a race.
STEP = 0.100001
#: Seconds a pool thread waits, after it finished a fetch, for every other thread to wait: a
#: microsecond, so that the thread waiting for the future acts first, and a loop that looks at
#: the futures every so often (every millisecond, say) looks too late; far below STEP, so that a
#: whole chain of such waits ends within one step.
AFTER_FETCH = 1e-6
#: Seconds a fetch waits to be let go: longer than every step of a scenario together.
LONG = 60.0
#: Seconds the scenario waits for the student's call to return once every fetch is let go.
FINISH = 5.0
#: The judge's deadline (real seconds; in the bubble, time waited costs nothing real).
DEADLINE = 3.0
#: The end of the file name of the executor's worker loop, `_worker`: code it called runs in a
#: pool's thread.
POOL_FILE = str(Path("concurrent", "futures", "thread.py"))
#: The ThreadPoolExecutors made so far, with the max_workers asked for.
EXECUTORS: list[tuple[concurrent.futures.ThreadPoolExecutor, object]] = []


class FetchError(Exception):
    """What a failing fetch raises."""


class Page:
    """What a fetch returns: the page of one url."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __repr__(self) -> str:
        return f"<page {self.url}>"


class EmptyPage(Page):
    """What a fetch returns for a page with nothing on it: a false value, as b"" or "" is."""

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return f"<empty page {self.url}>"


def record_pool() -> None:
    """prepare= for every scenario: see the module docstring."""
    record_threads()
    executor = concurrent.futures.ThreadPoolExecutor
    init = executor.__init__
    signature = inspect.signature(init)

    def recording_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        asked = signature.bind(self, *args, **kwargs).arguments.get("max_workers")
        EXECUTORS.append((self, asked))

    executor.__init__ = recording_init
    future = concurrent.futures.Future
    for name in ("set_result", "set_exception"):
        setattr(future, name, then_let_others_act(getattr(future, name)))
    numbers = itertools.count()
    init_future = future.__init__

    def numbered_init(self) -> None:
        init_future(self)
        self.kata_number = next(numbers)

    future.__init__ = numbered_init
    future.__hash__ = lambda self: self.kata_number


def then_let_others_act(method):
    """`method` (Future.set_result or set_exception), then, in a pool's thread, a wait until
    every other thread waits (see the module docstring)."""

    def publish(self, value):
        method(self, value)
        if in_pool_thread():
            pass_time(AFTER_FETCH)

    return publish


def in_pool_thread() -> bool:
    """Whether the calling code was called by a ThreadPoolExecutor's worker loop."""
    frame = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        if code.co_name == "_worker" and code.co_filename.endswith(POOL_FILE):
            return True
        frame = frame.f_back
    return False


def settle() -> None:
    """Let every thread run until it waits (time passes in the bubble only then)."""
    pass_time(STEP)


class Scene:
    """The urls of a scenario, the fetch handed to the student's code, and what it saw."""

    def __init__(
        self,
        n: int,
        failing: tuple[int, ...] = (),
        empty: tuple[int, ...] = (),
        again: tuple[int, ...] = (),
    ) -> None:
        # A url listed twice: its fetches wait for the same gate and give the same page.
        self.urls = list(URLS[:n]) + [URLS[i] for i in again]
        self.outcomes: dict[str, object] = {url: Page(url) for url in self.urls}
        for i in failing:
            self.fail(self.urls[i])
        for i in empty:
            self.outcomes[self.urls[i]] = EmptyPage(self.urls[i])
        self.gates = {url: threading.Event() for url in self.urls}
        self.inside: list[str] = []  # urls being fetched now, in the order they started
        self.calls: list[str] = []  # every fetch(url), in order
        self.outside: list[str] = []  # threads that called fetch outside a pool's threads
        self.fetchers: list[threading.Thread] = []  # every thread that called fetch, once each
        self.let_go: list[str] = []  # urls the scenario let finish, in order
        self.returned: list[str] = []  # urls whose fetch has returned or raised, in order
        self.most = 0
        self.counts: list[tuple[int, int]] = []  # (fetches running, how many should be)

    def fetch(self, url):
        """The fetch handed to the student's code: wait until let go, then return the page of
        `url` or raise its exception."""
        known = url in self.gates
        with MONITOR.changing():
            self.calls.append(url)
            if not in_pool_thread():
                self.outside.append(threading.current_thread().name)
            if not any(thread is threading.current_thread() for thread in self.fetchers):
                self.fetchers.append(threading.current_thread())
            if known:
                self.inside.append(url)
                self.most = max(self.most, len(self.inside))
        if not known:
            raise LookupError(f"no such url: {url!r}")
        self.gates[url].wait(seconds(LONG))
        with MONITOR.changing():
            self.inside.remove(url)
            self.returned.append(url)
        outcome = self.outcomes[url]
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def count(self, wanted: int) -> None:
        """Note how many fetches run now, and how many should."""
        with MONITOR:
            self.counts.append((len(self.inside), wanted))

    def fail(self, url: str) -> None:
        """Make the fetch of `url` raise (before it is let finish)."""
        self.outcomes[url] = FetchError(f"could not fetch {url}")

    def pending(self) -> int:
        """How many fetches are still to finish: the items of urls not let go."""
        return sum(url not in self.let_go for url in self.urls)

    def let_finish(self, url: str) -> None:
        self.let_go.append(url)
        self.gates[url].set()

    def latest(self) -> str | None:
        """The url that comes last in urls among those being fetched (and not let go yet):
        the pool takes the urls in order, so which urls run once settled does not depend on
        which thread got there first, and neither does this choice."""
        with MONITOR:
            running = [url for url in self.urls if url in self.inside and url not in self.let_go]
        return running[-1] if running else None

    def label(self, value: object) -> str:
        """`value` as the tests show it: a page or exception of this scene as itself, anything
        else marked as such."""
        if any(value is outcome for outcome in self.outcomes.values()):
            return repr(value)
        return M.OTHER_OBJECT.format(value=repr(value))

    def expected(self, url: str) -> tuple[str, str]:
        return url, repr(self.outcomes[url])

    def pair(self, item: object) -> object:
        """One item of what the student's function returned, as plain values."""
        if isinstance(item, tuple) and len(item) == 2:  # a NamedTuple is a pair too
            return plain(item[0]), self.label(item[1])
        return M.NOT_PAIR.format(item=repr(item))

    def report(self, runner: Runner, **seen: object) -> dict:
        """The observations; then every fetch let go, the caller joined and every executor
        still running shut down by the scene (its threads are not what other rules judge)."""
        seen.update(
            calls=list(self.calls),
            outside=sorted(set(self.outside)),
            fetchers=[thread.name for thread in self.fetchers],
            empty=[url for url, outcome in self.outcomes.items() if isinstance(outcome, EmptyPage)],
            most=self.most,
            counts=list(self.counts),
            urls=list(self.urls),
        )
        observed()
        for url in self.urls:
            self.gates[url].set()
        runner.join(FINISH)
        returned = "caller" in runner.results
        value, unjoined = runner.results.get("caller", (None, []))
        for executor, _ in EXECUTORS:
            executor.shutdown(wait=False, cancel_futures=True)
        seen.update(
            returned=returned,
            unjoined=unjoined,
            value=value,
            asked=[plain(asked) for _, asked in EXECUTORS],
            running=finish_others(FINISH),
        )
        return seen


def call(function, *args):
    """Call the student's function; what it returned, and the threads it started but did not
    see finish in a join."""
    value = function(*args)
    return value, [thread.name for thread in THREADS.not_joined()]


def start(scene: Scene, student, name: str, max_workers: int | None) -> Runner:
    """Run student.`name`(urls, fetch[, max_workers]) in the scenario's thread "caller"."""
    args = (scene.urls, scene.fetch) if max_workers is None else (
        scene.urls, scene.fetch, max_workers
    )
    runner = Runner(catch=False)
    runner.start("caller", call, getattr(student, name), *args)
    return runner


# --- scenarios ------------------------------------------------------------------------------------


def all_of(student, n, max_workers=None, failing=(), empty=(), again=()):
    """fetch_all(urls, fetch[, max_workers]) over n urls: after each settling, the running fetch
    that comes last in urls finishes, until none runs. `failing`: the indices of the urls whose
    fetch raises; `empty`: those whose page is empty (a false value); `again`: those listed a
    second time at the end of urls."""
    scene = Scene(n, failing, empty, again)
    limit = 4 if max_workers is None else max_workers
    runner = start(scene, student, "fetch_all", max_workers)
    while True:
        settle()
        scene.count(min(limit, scene.pending()))
        url = scene.latest()
        if url is None:
            break
        scene.let_finish(url)
    finished = list(scene.let_go)
    seen = scene.report(runner, finished=finished)
    value = seen.pop("value")
    seen["kind"] = type(value).__name__
    seen["pairs"] = [scene.pair(item) for item in value] if type(value) is list else []
    seen["expected"] = [scene.expected(url) for url in scene.urls]
    return seen


def first_of(student, n, max_workers=None, raises=False, empty=False):
    """first_done(urls, fetch[, max_workers]) over n urls: once settled, the running fetch that
    comes last in urls finishes (with its page, an empty one with `empty`, or raising); the
    scene settles again and notes which urls were fetched; then it lets every fetch go."""
    scene = Scene(n)
    limit = 4 if max_workers is None else max_workers
    runner = start(scene, student, "first_done", max_workers)
    settle()
    scene.count(min(limit, n))
    started = list(scene.calls)
    first = scene.latest()
    if first is not None:
        if raises:
            scene.fail(first)
        elif empty:
            scene.outcomes[first] = EmptyPage(first)
        scene.let_finish(first)
        settle()
    late = scene.calls[len(started):]
    seen = scene.report(runner, first=first, started=started, late=late)
    value = seen.pop("value")
    seen["pair"] = scene.pair(value)
    seen["expected"] = scene.expected(first) if first is not None else None
    return seen


def first_of_finished_as_submitted(student, n, max_workers):
    """first_done(urls, fetch, max_workers) over n urls whose fetches return as soon as they are
    called, with the threads let settle after each submit(): each fetch has finished before the
    next url is submitted, so every one has before first_done can start to wait. The pairs it
    may return: those of every fetch."""
    scene = Scene(n)
    for url in scene.urls:
        scene.let_finish(url)
    executor = concurrent.futures.ThreadPoolExecutor
    submit = executor.submit

    def submit_then_settle(self, *args, **kwargs):
        future = submit(self, *args, **kwargs)
        settle()
        return future

    executor.submit = submit_then_settle
    runner = start(scene, student, "first_done", max_workers)
    settle()
    seen = scene.report(runner)
    value = seen.pop("value")
    seen["pair"] = scene.pair(value)
    # Once they have all finished, none is more first than another: as_completed yields them
    # in an order of its own.
    seen["expected"] = [scene.expected(url) for url in scene.returned]
    return seen


def first_finishing_at_once(student, n, max_workers):
    """first_done(urls, fetch, max_workers) over n urls whose first fetch returns as soon as it
    is called, the others once the scene lets them, with the threads let settle after each
    submit(): the first fetch has finished before the next url is submitted. Then, until
    first_done returns (for a few rounds at most), the running fetch that comes last in urls
    finishes, whenever first_done is not in a submit. The fetches called after the last submit
    (the first had finished by then, so none may be): those not started by then."""
    scene = Scene(n)
    first = scene.urls[0]
    scene.let_finish(first)
    executor = concurrent.futures.ThreadPoolExecutor
    submit = executor.submit
    by_last_submit: list[str] = []
    submitting = [False]

    def submit_then_settle(self, *args, **kwargs):
        submitting[0] = True
        try:
            future = submit(self, *args, **kwargs)
            settle()
            by_last_submit[:] = scene.calls
        finally:
            submitting[0] = False
        return future

    executor.submit = submit_then_settle
    runner = start(scene, student, "first_done", max_workers)
    caller = runner.threads[0]
    for _ in range(4 * n + 4):  # a round lets a fetch go, or the caller submit or return
        settle()
        if not caller.is_alive():
            break
        url = None if submitting[0] else scene.latest()
        if url is not None:
            scene.let_finish(url)
    late = scene.calls[len(by_last_submit):]
    seen = scene.report(runner, first=first, started=list(by_last_submit), late=late)
    value = seen.pop("value")
    seen["pair"] = scene.pair(value)
    seen["expected"] = scene.expected(first)
    return seen


def all_at_once(student, name, n, max_workers, instantly=False):
    """fetch_all or first_done (`name`) over n urls: once settled, every running fetch finishes
    at the same time, again and again until none runs, so their pool threads go on together;
    `instantly`, every fetch returns as soon as it is called, while the caller still submits.
    For first_done, the pairs it may return: those of the first fetches let finish (instantly,
    of any url fetched)."""
    scene = Scene(n)
    if instantly:
        for url in scene.urls:
            scene.let_finish(url)
    runner = start(scene, student, name, max_workers)
    batches = []
    while True:
        settle()
        with MONITOR:
            running = [url for url in scene.urls if url in scene.inside and url not in scene.let_go]
        if not running:
            break
        batches.append(running)
        for url in running:
            scene.let_finish(url)
    seen = scene.report(runner, finished=list(scene.let_go))
    value = seen.pop("value")
    seen["kind"] = type(value).__name__
    if name == "fetch_all":
        seen["pairs"] = [scene.pair(item) for item in value] if type(value) is list else []
        seen["expected"] = [scene.expected(url) for url in scene.urls]
    else:
        seen["pair"] = scene.pair(value)
        first = sorted(set(scene.calls), key=scene.urls.index) if instantly else batches[0]
        seen["expected"] = [scene.expected(url) for url in first]
    return seen
