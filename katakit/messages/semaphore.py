"""Messages of kata 03 (semaphore)."""

# --- worker -------------------------------------------------------------------------------------

TOO_MANY_INSIDE = (
    "{most} threads were inside work() at once, through a semaphore of {limit} slot(s): expected "
    "at most {limit}. Does worker call work() inside `with semaphore:`, with the semaphore it is "
    "given (not one it makes)?"
)
NOT_ENOUGH_INSIDE = (
    "only {inside} thread(s) got inside work() at once, with {n} threads and {limit} slot(s): "
    "expected {expected} together. Does worker take one slot only, and call work() without "
    "holding pool.lock?"
)
WORK_WITHOUT_SLOT = (
    "{names} ran work() without holding a slot of the semaphore worker was given: keep the slot "
    "for the whole of use -> work() -> unuse, inside `with semaphore:`."
)
NAMES_NOT_IN_POOL = (
    "while {inside} were inside work(), pool.active was {active}: before work(), worker must call "
    "pool.use(name) with its thread's name, threading.current_thread().name (a str)."
)
ACTIVE_NOT_A_LIST = (
    "pool.active is a {kind}; the contract makes it a list of the names of the threads inside."
)
LEFT_WRONG_NAME = (
    "after {left!r} finished, pool.active was {got}; expected {expected}. unuse(name) must remove "
    "that very name (self.active.remove(name)), whatever order the threads leave in."
)
NAME_LEAKED = (
    "after work() raised, pool.active still holds {names}: call pool.unuse(name) in a `finally:` "
    "block, so that the name leaves the pool whatever work() does."
)
SLOT_LEAKED = (
    "after work() raised, worker ended still holding {taken} slot(s) of the semaphore: release it "
    "on every path (`with semaphore:` or try/finally), or the pool shrinks with every failure."
)
OVER_RELEASED = (
    "worker released the semaphore more times than it acquired it, and a BoundedSemaphore raises "
    "ValueError for that. Release once per acquire: `with semaphore:`, or acquire() then "
    "try/finally release(), not both."
)
NOT_THROUGH_USE_AND_UNUSE = (
    "thread {name!r} called {calls} on the pool; expected exactly use({name!r}) then "
    "unuse({name!r}): worker must enter and leave through pool.use(name) and pool.unuse(name), "
    "which hold pool.lock, not change pool.active itself."
)
USE_WITHOUT_SLOT = (
    "thread {name!r} called pool.use() before it held a slot of the semaphore: take the slot "
    "first (`with semaphore:`), then call pool.use(name) inside it, so that the pool never "
    "lists more threads than there are slots."
)
UNUSE_WITHOUT_SLOT = (
    "thread {name!r} called pool.unuse() after it had given its slot back: for a moment the pool "
    "listed a thread that no longer held a slot. Is the try/finally wrapped around the whole "
    "`with semaphore:` block? Put it inside: `with semaphore:` / pool.use(name) / try: work() / "
    "finally: pool.unuse(name)."
)
WORKER_DID_NOT_FINISH = (
    "worker did not return ({names} still running): is it waiting for pool.lock or for a slot "
    "that is never given back?"
)

# --- the pool's lock ----------------------------------------------------------------------------

LOCK_NOT_HELD = (
    "{thread} changed pool.active ({change}) without holding pool.lock: make every append and "
    "remove inside `with self.lock:`, with the pool's own lock (a new Lock() each time guards "
    "nothing)."
)
LOCK_KEPT = (
    "pool.lock was still held after {call} returned: release it on every path "
    "(`with self.lock:` does that for you)."
)
CALL_STUCK = (
    "{call} did not return: is it waiting for pool.lock while it already holds it? A "
    "threading.Lock cannot be taken twice, not even by the thread that holds it."
)

# --- main ---------------------------------------------------------------------------------------

MAIN_TOO_MANY_INSIDE = (
    "main(n_threads={n}, limit={limit}) let {most} threads inside work() at once; expected at "
    "most {limit}. Make one Semaphore(limit) in main, before starting the threads, and hand that "
    "same one to every worker."
)
MAIN_NOT_ENOUGH_INSIDE = (
    "main(n_threads={n}, limit={limit}) let only {inside} thread(s) inside work() at once; "
    "{expected} should get in together. Is the semaphore a threading.Semaphore of `limit` slots, "
    "are all threads started before the first join(), and does each worker get `work`?"
)
WORK_COUNT = (
    "main(n_threads={n}, ...) ran work() {count} time(s); expected once in each of its {n} "
    "threads. Pass `work` on: worker(semaphore, pool, work)."
)
MAIN_STARTED_TOO_FEW = (
    "main(n_threads={n}, limit={limit}) started {started} thread(s); expected {n}, one per "
    "worker: make the threads with `for i in range(n_threads)` (not range(limit)), and call "
    "start() on each (run() would run the worker in the calling thread)."
)
RETURNED_WITHOUT_SLOT = (
    "{names} returned without ever holding a slot or running work(): a worker returned without a "
    "slot. acquire() must block until a slot is free: `with semaphore:`, or semaphore.acquire() "
    "with no blocking=False and no timeout, then work while holding it."
)
THREAD_NAMES = (
    "work() ran in threads named {got}; expected {expected}: name them f\"thread-{{i}}\" for i in "
    "range(n_threads)."
)
MAIN_DID_NOT_RETURN = (
    "main(n_threads={n}, limit={limit}) did not return, even after every work() was let go. Is "
    "it joining a thread that waits for a slot nobody gives back?"
)
NOT_JOINED = (
    "main returned before joining {names}: join() every thread you start, so that all of them "
    "have left the pool when main returns it."
)
NOT_A_POOL = "main returned {value}; expected the ResourcePool its threads used."
NOT_THE_POOL_USED = (
    "main returned a ResourcePool that its threads never used ({count} other pool(s) got their "
    "names): make one pool in main, hand that same pool to every worker, and return it."
)
POOL_NOT_EMPTY = (
    "once every thread had finished, the pool main returned still held {names}: every worker "
    "must call pool.unuse(name) on its way out."
)
DEFAULTS = (
    "main() with no arguments ran {got} through semaphore(s) of {slots} slot(s); expected "
    "thread-0 ... thread-6, each once, through a semaphore of 5 slots."
)

STUCK = (
    "Is a thread waiting for a semaphore slot or for pool.lock that is never given back? Give "
    "both back on every path: `with semaphore:` and `with self.lock:` do it for you."
)
