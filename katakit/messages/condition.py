"""Messages of kata 06 (Condition)."""

# --- how a waiter behaved, checked first in every test ------------------------------------------

WAIT_RAISED = "gate.wait() raised in thread {thread!r}: {error}\n{lesson}"
WAIT_NOT_WRITTEN = "wait() is not written yet: complete the TODO in gate.py (see the kata's README.md)."
WAIT_MUST_RETURN = (
    "wait() must not raise: it returns True when the waiter may pass, and False when its "
    "timeout runs out first."
)
NOT_HELD = (
    "A Condition must be held to wait on it or to notify it: call wait_for(), notify() and "
    "notify_all() inside `with self.condition:`, together with the change of tickets or opened "
    "that they announce."
)
LEFT_HELD = (
    "{function}() returned while its thread ({thread!r}) still held gate.condition, so no other "
    "thread can ever take it again. Every acquire() needs a release() on every way out of the "
    "function (the early `return False` too); `with self.condition:` does that for you."
)
WAIT_VALUE = (
    "gate.wait() returned {value!r}; it must return True when the waiter passes and False when "
    "its timeout runs out. (Does every path end with a `return`?)"
)
NOT_SETTLED = (
    "{count} of {waiters} waiter(s) neither went back to sleep in gate.condition nor returned "
    "from gate.wait() within {seconds:.1f} s. Does wait() poll in a loop instead of blocking in "
    "self.condition.wait_for(...)? Or does something keep gate.condition held, so that a "
    "woken waiter can never take it back?"
)
PASSED_WITHOUT_RELEASE = (
    "{passed} of {waiters} waiter(s) passed gate.wait() before anything was released: wait() "
    "must block until a ticket is there or the gate is open, for instance with "
    "self.condition.wait_for(lambda: self.opened or self.tickets > 0, timeout)."
)
GAVE_UP = (
    "gate.wait({call}) returned False for {count} waiter(s) that the test was about "
    "to let through: wait() must block until a ticket is there or the gate is open, and return "
    "False only once its timeout has run out. Pass the timeout on to wait_for(), and return "
    "what wait_for() returns."
)

# --- release_one --------------------------------------------------------------------------------

NONE_PASSED = (
    "release_one() left all {waiters} waiters waiting. It must add a ticket "
    "(self.tickets += 1) and wake a waiter (self.condition.notify()), both inside "
    "`with self.condition:`."
)
TOO_MANY_PASSED = (
    "{releases} release_one() call(s) let {passed} of {waiters} waiters through; expected "
    "exactly {releases}. A ticket lets one waiter through: wait() must consume it "
    "(self.tickets -= 1) before it returns True, and must check for a ticket again after every "
    "wake-up (wait_for does)."
)
RELEASES_NOT_COUNTED = (
    "after {releases} release_one() calls with nobody waiting, gate.tickets is {tickets}; "
    "expected {releases}. Each call adds one ticket (self.tickets += 1), even when nobody waits: "
    "the ticket is kept for the next waiter, and a release must not overwrite the ones nobody "
    "has used yet."
)
LOST_WAKEUP = (
    "release_one() was called {releases} time(s) before anyone waited; then only {passed} of "
    "{waiters} waiters passed. A notify() with nobody waiting is lost: wait() must look at the "
    "state before it sleeps. condition.wait_for(lambda: self.opened or self.tickets > 0) "
    "returns at once when a ticket is already there; a bare condition.wait() sleeps for a "
    "notification that came too early."
)

TICKETS_OVERUSED = (
    "{releases} release_one() calls were made before anyone waited; {passed} waiter(s) passed "
    "and left gate.tickets at {after}, so fewer waiters than releases got through. A waiter "
    "that passes uses up exactly one ticket (self.tickets -= 1), not all of them "
    "(self.tickets = 0): the other tickets belong to the next waiters."
)

# --- release_all --------------------------------------------------------------------------------

NOT_ALL_WOKEN = (
    "release_all() let {passed} of {waiters} waiting threads through; expected all of them. "
    "notify() wakes one waiter; to wake every waiter, release_all() must call "
    "self.condition.notify_all() after setting self.opened = True."
)
FUTURE_BLOCKED = (
    "after release_all(), {passed} of {waiters} threads that came later passed gate.wait(). The "
    "gate is open for good: wait() must return True at once when self.opened is set, without "
    "waiting for a notification (check the state first: wait_for does)."
)
OPEN_GATE_CONSUMED = (
    "gate.tickets went from {before} to {after} while {waiters} waiters passed the open gate: "
    "an open gate lets everyone through without using tickets. Consume a ticket only when the "
    "gate is not opened: `if not self.opened: self.tickets -= 1`."
)
DEPRECATED_NOTIFYALL = (
    "release_all() called condition.notifyAll(), deprecated since Python 3.10: call "
    "condition.notify_all()."
)

# --- spurious wake-ups --------------------------------------------------------------------------

SPURIOUS_PASSED = (
    "a bare condition.{how}() with no release let {passed} of {waiters} waiters through. A "
    "wake-up is not a permission: a waiter can be woken when nothing changed for it (another "
    "release, a notify_all, a spurious wake-up). After every wake-up, check the state again and "
    "go back to sleep if there is still no ticket: use `while not ...: wait()`, or wait_for(), "
    "never `if`."
)

EMPTY_WAKEUP_GAVE_UP = (
    "gate.wait({call}) returned False for {count} waiter(s) right after a wake-up with nothing "
    "for them (a bare notify, no ticket, gate closed), long before their timeout ran out. An "
    "empty wake-up does not end the wait: check the state again and go back to sleep for the "
    "time that is left; wait_for(predicate, timeout) does both, and returns False only once "
    "the timeout has run out."
)
DEADLINE_RESTARTED = (
    "after a wake-up with nothing for it, gate.wait(timeout={timeout:g}) went back to sleep with "
    "condition.wait({then!r}), after condition.wait({first!r}) the first time: it restarted the "
    "whole timeout. With wake-ups coming more often than the timeout, it would never time out. "
    "Wait again for the time that is left, not the whole timeout: compute the deadline once "
    "(deadline = time.monotonic() + timeout) and pass deadline - time.monotonic() to each "
    "wait(), or let condition.wait_for(predicate, timeout) do it."
)

# --- timeouts -----------------------------------------------------------------------------------

TIMEOUT_IGNORED = (
    "gate.wait(timeout={timeout:g}) was still waiting {seconds:.1f} s later, with nothing "
    "released: pass the timeout on to self.condition.wait_for(predicate, timeout)."
)
ZERO_TIMEOUT_IGNORED = TIMEOUT_IGNORED + (
    " A timeout of 0 means: do not wait at all, check once and return. It is falsy, so "
    "`timeout or None` and `if timeout:` turn it into a wait without timeout: test "
    "`timeout is None` instead."
)
TIMEOUT_NOT_FALSE = (
    "gate.wait(timeout={timeout:g}) timed out with nothing released and returned {value!r}; "
    "expected False. Return what wait_for() returns: the predicate's last value, False when "
    "the time ran out."
)
TIMEOUT_CONSUMED = (
    "after gate.wait(timeout={timeout:g}) timed out, gate.tickets is {tickets}; expected 0. A "
    "wait that timed out passed nothing, so it must consume nothing: return False before "
    "touching tickets."
)

# --- holding the condition ----------------------------------------------------------------------

STATE_OUTSIDE_LOCK = (
    "{function}() set gate.{name} = {value!r} without holding gate.condition. Change tickets "
    "and opened only inside `with self.condition:`: outside it, a waiter can check the state "
    "between your change and your notify, or two threads can both take the same ticket."
)

SELF_DEADLOCK = (
    "gate.condition is built over a plain Lock, and a thread that already held it took it "
    "again (for instance a predicate or helper with its own `with self.condition:`, called "
    "inside wait_for): a plain Lock does not know who holds it, so that thread waits for itself "
    "forever. Take the condition once (wait_for already calls the predicate while holding it), "
    "or keep the default threading.Condition(), whose RLock lets its holder in again."
)

# --- stuck --------------------------------------------------------------------------------------

STUCK = (
    "Is release_one() or release_all() waiting for something, or is gate.condition held by a "
    "thread that never lets it go? A release never waits: it changes the state and notifies, "
    "inside `with self.condition:`, and returns."
)
