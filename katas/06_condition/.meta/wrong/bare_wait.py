"""Wrong: a bare condition.wait() without a predicate: a release_one() made before the
waiter sleeps is lost, and any wake-up counts as a pass. A False from condition.wait(timeout)
ends the wait without a look at the state, so a notify() that comes as the time runs out is
lost too.

expect: test_release_before_anyone_waits_is_not_lost[one-release-then-wait-without-timeout] -> LOST_WAKEUP
expect: test_release_before_anyone_waits_is_not_lost[two-releases-then-three-waiters] -> LOST_WAKEUP
expect: test_release_before_anyone_waits_is_not_lost[one-release-then-wait-with-timeout-zero] -> TICKET_THERE_GAVE_UP
expect: test_wake_up_without_release_lets_nobody_through -> SPURIOUS_PASSED
expect: test_release_all_lets_every_present_and_future_waiter_through[three-coming-later] -> FUTURE_BLOCKED
expect: test_a_release_as_a_wait_times_out_is_not_lost -> NOTIFY_LOST_AT_TIMEOUT
"""

from __future__ import annotations

import threading


class Gate:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.tickets = 0
        self.opened = False

    def wait(self, timeout: float | None = None) -> bool:
        with self.condition:
            if not self.condition.wait(timeout):
                return False
            if not self.opened:
                self.tickets -= 1
            return True

    def release_one(self) -> None:
        with self.condition:
            self.tickets += 1
            self.condition.notify()

    def release_all(self) -> None:
        with self.condition:
            self.opened = True
            self.condition.notify_all()
