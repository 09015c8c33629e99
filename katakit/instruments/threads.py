"""Threads: the scenario's own (`Runner`), and the student's, recorded (`RecordingThread`)."""

from __future__ import annotations

import sys
import threading
from typing import Any, Callable

from katakit.instruments.monitor import MONITOR
from katakit.instruments.timing import left, seconds, until

#: The real class: the scenario's own threads are made of it, whatever `record_threads` did.
THREAD = threading.Thread
#: The threading module's globals: its own calls of is_alive() (from repr()) are not a join.
VARS = vars(threading)


class Runner:
    """Starts the scenario's own daemon threads and keeps, per thread name, what each returned
    or raised.

    With `catch` (the default) an exception of the target is an observation, kept in `errors`;
    without, it escapes the thread, and the judge fails the test at once, showing where in the
    student's file it was raised.
    """

    def __init__(self, catch: bool = True) -> None:
        self.catch = catch
        self.threads: list[threading.Thread] = []
        self.results: dict[str, Any] = {}
        self.errors: dict[str, str] = {}

    def start(self, name: str, target: Callable[..., Any], *args: Any) -> threading.Thread:
        def run() -> None:
            try:
                self.results[name] = target(*args)
            except Exception as exc:
                if not self.catch:
                    raise
                self.errors[name] = f"{type(exc).__name__}: {exc}"

        thread = THREAD(target=run, name=name, daemon=True)
        self.threads.append(thread)
        thread.start()
        return thread

    def join(self, timeout: float | None = None, *, end: float | None = None) -> list[str]:
        """`join_all` of the runner's threads."""
        return join_all(self.threads, timeout, end=end)


def join_all(
    threads: list[threading.Thread], timeout: float | None = None, *, end: float | None = None
) -> list[str]:
    """Join `threads` within one shared deadline: `timeout` seconds (scaled here; default WAIT),
    or the `time.monotonic()` value `end` of a deadline shared with other waits. The names of
    the threads still running."""
    end = until(timeout) if end is None else end
    for thread in threads:
        thread.join(left(end))
    return [t.name for t in threads if t.is_alive()]


def finish_others(timeout: float | None = None) -> list[str]:
    """Join every thread but the calling one (the student's too) within `timeout` seconds
    (scaled here; default WAIT); the names of those still running."""
    me = threading.current_thread()
    return join_all([t for t in threading.enumerate() if t is not me], timeout)


class ThreadLog:
    """What the threads made through `RecordingThread` did: which started, which a join() saw
    finished. Changes are announced on the MONITOR."""

    def __init__(self) -> None:
        self.started: list[threading.Thread] = []
        self.joined: list[threading.Thread] = []
        #: Threads held back in run() until this many have started (0: none held).
        self.expected = 0
        self.all_started = threading.Event()
        #: Each thread the code joined (or saw ended), at its first join, with how many threads
        #: had started then, in the order of those joins.
        self.first_joins: list[tuple[threading.Thread, int]] = []

    def hold_until(self, count: int) -> None:
        """Hold every recorded thread in run() until `count` have started (or one is joined),
        so that they all live at once."""
        self.expected = count
        if len(self.started) < count:
            self.all_started.clear()

    def joining(self, thread: threading.Thread) -> None:
        """Note that the code joins `thread` (or saw it end) now."""
        with MONITOR:
            if not any(joined is thread for joined, _ in self.first_joins):
                self.first_joins.append((thread, len(self.started)))

    def started_at_first_join(
        self, among: Callable[[threading.Thread], bool], joins: int | None = None
    ) -> int | None:
        """How many of the threads `among` says are of interest had started when the code first
        joined one of them, in its first `joins` joins (default: all); None: it joined none."""
        with MONITOR:
            for thread, count in self.first_joins[:joins]:
                if among(thread):
                    return sum(map(among, self.started[:count]))
        return None

    def not_joined(self) -> list[threading.Thread]:
        with MONITOR:
            return [t for t in self.started if t not in self.joined]


#: The log of a judge's child.
THREADS = ThreadLog()
THREADS.all_started.set()


class RecordingThread(THREAD):
    """A Thread that records start() and join() in THREADS (a join() that sees it end, or an
    is_alive() that returns False), and holds its run() (also a subclass's own run()) while
    THREADS says to."""

    def start(self) -> None:
        with MONITOR.changing():
            THREADS.started.append(self)
            if len(THREADS.started) >= THREADS.expected:
                THREADS.all_started.set()
        if not THREADS.all_started.is_set():
            run = self.run

            def held_run() -> None:
                # Reached only by a main that starts too few threads and never joins one.
                THREADS.all_started.wait(seconds())
                run()

            self.run = held_run
        try:
            super().start()
        except BaseException:
            with MONITOR.changing():
                THREADS.started.remove(self)
            raise

    def join(self, timeout: float | None = None) -> None:
        THREADS.all_started.set()  # a main that joins before it has started every thread
        THREADS.joining(self)
        super().join(timeout)
        if not super().is_alive():
            self._joined()

    def is_alive(self) -> bool:
        """A thread whose caller sees it ended is joined: ``while t.is_alive(): t.join(1)``
        joins it, though its last join() may have returned with the thread still running
        (threading's own look, from repr(), is nobody's)."""
        alive = super().is_alive()
        if not alive and self in THREADS.started and sys._getframe(1).f_globals is not VARS:
            self._joined()
        return alive

    def _joined(self) -> None:
        THREADS.joining(self)
        with MONITOR.changing():
            if self not in THREADS.joined:
                THREADS.joined.append(self)


def record_threads() -> None:
    """A `prepare`: threads the student's module makes through threading.Thread (also with
    ``from threading import Thread``, imported after this) are `RecordingThread`s."""
    threading.Thread = RecordingThread
