"""Messages of kata 05 (RLock)."""

DEADLOCK = (
    "set_reverse never returned: a thread is waiting for a lock it already holds. set_reverse "
    "holds resource.lock when it calls set_one/set_zero, and they take the same lock again. "
    "A plain Lock cannot be acquired twice by the same thread; make Resource's lock a "
    "threading.RLock()."
)
NEW_LOCK_HELD = (
    "a new Resource()'s lock could not be acquired at all (acquire(blocking=False) returned "
    "{got!r}): a fresh resource must start with its lock free."
)
NOT_REENTRANT = (
    "the thread that holds Resource().lock could not acquire it a second time "
    "(acquire(blocking=False) returned {got!r}). A plain Lock is not re-entrant: set_reverse, "
    "which holds the lock while set_one/set_zero take it again, would wait for itself forever. "
    "Use threading.RLock()."
)
NOT_EXCLUSIVE = (
    "a second thread acquired Resource().lock while the first thread held it: this lock lets "
    "more than one thread in at a time, so it does not protect the value. A Semaphore(2) counts, "
    "it does not exclude; use threading.RLock()."
)
OTHER_THREAD_FAILED = (
    "a second thread trying Resource().lock.acquire(blocking=False) while the first held it "
    "got {error}; expected it to get False."
)
OTHER_THREAD_STUCK = (
    "a second thread calling Resource().lock.acquire(blocking=False) did not return: "
    "acquire with blocking=False must never wait."
)
VALUE_NOT_SET = (
    "{function}(resource) left resource.value at {got!r}; expected {expected}. Assign the "
    "attribute, resource.value = {expected}: assigning a plain name (value = {expected}, or "
    "RESOURCE = {expected} without `global`) only makes a local variable, and changing a module "
    "global does not change the resource you were given."
)
WRITE_OUTSIDE_LOCK = (
    "{function}(resource) wrote resource.value while not holding resource.lock. Another thread "
    "could read or write it at the same moment. Write it inside `with resource.lock:` (the lock "
    "of the resource you were given, not a lock of your own module)."
)
VALUE_NOT_FLIPPED = (
    "set_reverse turned a value of {start} into {got!r}; expected {expected}. "
    "Call set_one when the value is 0, else set_zero, on the resource you were given."
)
RETURNED_WRONG = (
    "set_reverse turned {start} into {expected} but returned {got!r}: it must return the new "
    "value, {expected}. (The value you read before the flip is the old one.)"
)
NOT_THROUGH_SETTERS = (
    "set_reverse changed the value without calling set_one or set_zero. The kata is about "
    "re-entrancy: set_reverse holds resource.lock and calls set_one/set_zero, which take the "
    "same lock again. Call them."
)
WRONG_SETTER = (
    "for a value of {start}, set_reverse called {got}; expected exactly one call of {expected}."
)
NO_READ_BEFORE_WRITE = (
    "set_reverse wrote resource.value without reading it first: it must read the value to "
    "decide between set_one and set_zero."
)
READ_OUTSIDE_LOCK = (
    "set_reverse read resource.value while not holding resource.lock, then changed it. Another "
    "thread can flip the value between your read and your write, and one flip is lost. Read it "
    "inside `with resource.lock:` and call set_one/set_zero from inside that same block (with an "
    "RLock they can take it again)."
)
SPLIT_SECTIONS = (
    "set_reverse read resource.value and wrote it in two different holds of resource.lock: the "
    "lock was free in between, so another thread's write can fall between your read and your "
    "write. Keep holding the lock from the read until set_one/set_zero return (an RLock lets them "
    "take it again)."
)
LOCK_STILL_HELD = (
    "after {function}(resource) returned, the calling thread still held resource.lock "
    "({depth} time(s)): every acquire() needs its release(), on every path. Use `with "
    "resource.lock:` or try/finally so that a return or an exception releases it too."
)
NEW_VALUE_NOT_ZERO = (
    "a new Resource() has value {got!r}; expected 0. Resource.__init__ must start the value at "
    "0 (self.value = 0), whatever the lock."
)
ACQUIRE_RESULT_IGNORED = (
    "{function}(resource) touched resource.value while another thread held resource.lock: "
    "{during} (afterwards it got {error}). Did its acquire() return False (a timeout ran out, "
    "or blocking=False) and the code go on anyway, without the lock? Or did it take some other "
    "lock, or none, before touching the value? acquire() with a timeout can fail: check what "
    "it returns, or use `with resource.lock:`, which waits until this very lock is free."
)
NOT_WAITING_FOR_LOCK = (
    "while another thread held resource.lock, {function}(resource) neither waited in "
    "resource.lock.acquire() nor returned. Take the lock with `with resource.lock:` (or "
    "acquire()), which waits until the lock is free."
)
NOT_DONE_AFTER_RELEASE = (
    "{function}(resource) waited while another thread held resource.lock, as it should, but did "
    "not return once the lock was free. Is it waiting for something else?"
)
