"""The settled-state waits: one condition on which every instrument announces each change of the
state it records, and on which a scenario waits until the state it wants holds.

A scenario never waits for time to pass: it waits for a state (``MONITOR.wait_until(lambda:
len(inside) == 5)``), which a correct solution reaches at once. The wait has a deadline only so
that a wrong solution ends as an observation ("only 4 got in"), never as a stuck child.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Callable, Iterator

from katakit.instruments.timing import WAIT, seconds


class Monitor(threading.Condition):
    """A re-entrant condition guarding the instruments' records."""

    @contextmanager
    def changing(self) -> Iterator[None]:
        """Hold the monitor while the block changes a record, then wake every waiter."""
        with self:
            yield
            self.notify_all()

    def wait_until(self, predicate: Callable[[], object], timeout: float = WAIT) -> bool:
        """Wait until `predicate()` holds (checked under the monitor), at most `timeout` seconds
        (scaled); whether it holds."""
        with self:
            return bool(self.wait_for(predicate, seconds(timeout)))


#: The one monitor of a judge's child.
MONITOR = Monitor()
