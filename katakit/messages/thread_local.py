"""Messages of kata 04 (thread-local data)."""

UNSET_NOT_NONE = (
    "read_index returned {seen!r} {where}, where nothing had been set on that store; expected "
    "None. A thread that has not set `index` has no such attribute on a threading.local: catch "
    "the AttributeError (or use getattr with a default) and return None, not 0."
)
SET_RETURNED = (
    "set_local_data(store, {index}) returned {got!r}; expected {expected!r}: the value this "
    "thread read just before setting, then the value it reads right after (its own index)."
)
SEES_OTHERS_VALUE = (
    "thread {name!r} set {own} and, once every thread had set its own, read {seen!r}{whose}; "
    "expected {own}. Each thread must see only its own value: is the store one plain object "
    "shared by every thread, or a dict keyed by the thread's name (two threads may have the "
    "same name)? make_store() must return a threading.local(), on which each thread sets and "
    "reads its own attributes."
)
NEW_THREAD_SAW_VALUE = (
    "thread {name!r} read {seen!r} before it had set anything: the value {owner} set. A new "
    "thread must see None: is the store one plain object shared by every thread (or a class "
    "attribute shared by every instance)? Only the attributes a thread sets on a "
    "threading.local() are its own."
)
CALLER_LOST_VALUE = (
    "the calling thread set {own} first and, after {n} other thread(s) set their own, read "
    "{seen!r}; expected {own}. Another thread's value replaced its own: with a "
    "threading.local() each thread, the calling one too, keeps its own value."
)
STORES_SHARED = (
    "two stores made by make_store() are not independent ({where}): {what}. Each call of "
    "make_store() must return a new threading.local(), not the same one (one made at module "
    "level), and not one whose values live in a class attribute."
)
LATER_THREAD_SAW_VALUE = (
    "thread {name!r}, started after {owner!r} had finished, read {seen!r} before setting "
    "anything: the value {owner!r} set{ident_note}. A finished thread's values must die with "
    "it. A dict keyed by threading.get_ident() keeps them, and a new thread often gets the "
    "ident of one that has finished: use threading.local(), which forgets a thread's values "
    "when it ends."
)
THREAD_RAISED = (
    "thread {name!r} raised {error} while using the store. "
    "(Still a TODO? A function that raises NotImplementedError is not written yet: complete the "
    "TODOs in local_data.py.)"
)
THREADS_STUCK = (
    "thread(s) {names} did not finish: does read_index or set_local_data wait for something "
    "(a lock, another thread)? Reading and setting a threading.local never has to wait."
)
MAIN_NOT_A_DICT = (
    "main({n}) returned {got}; expected a dict {{thread name: (before, after)}}, with one entry "
    "for the calling thread and one for each thread main starts."
)
MAIN_NAMES = (
    "main({n}) returned entries for {got}; expected exactly {expected}: one for the calling "
    "thread (threading.current_thread().name) and one for each thread, named \"thread-0\" ... "
    "(pass name=f\"thread-{{i}}\")."
)
CALLER_NOT_BY_NAME = (
    "main({n}), called from a thread named {caller!r}, returned entries for {got}: the calling "
    "thread's entry must be under its own name, threading.current_thread().name read in main, "
    "not \"MainThread\" nor threading.main_thread().name (main may be called from any thread)."
)
MAIN_STARTED_TOO_FEW = (
    "main({n}) started {started} thread(s); expected {n}: make one threading.Thread per i in "
    "range(n) and call its start(), which runs the target in a new thread. Calling run() "
    "instead runs it in the calling thread, which then sees its own value."
)
MAIN_THREAD_ENTRY = (
    "main({n}) gave {name!r} the entry {got!r}; expected {expected!r}: thread-i sets i + 1 on a "
    "store it has never touched, so it reads None before and its own index after."
)
MAIN_CALLER_ENTRY = (
    "main({n}) gave the calling thread {name!r} the entry {got!r}; expected (None, 0): it sets "
    "0 on a new store, and its value stays 0 whatever the other threads set."
)
NOT_JOINED = (
    "main returned before joining {names}: join() every thread you start, so that all of them "
    "have set and reported their values before main returns, and none is left running."
)
MAIN_STUCK = (
    "Is main joining a thread that never ends, or waiting for a result that a thread never "
    "sends? Start the n threads, then join each of them."
)
