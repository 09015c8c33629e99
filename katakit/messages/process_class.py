"""Messages of kata 02 (Process subclass and the __main__ guard)."""

NOT_A_PROCESS = (
    "Worker is not a subclass of multiprocessing.Process: declare it as "
    "`class Worker(multiprocessing.Process):`."
)
WRONG_NAME = (
    "Worker({expected!r}, ...).name is {got!r}: pass the name on to "
    "multiprocessing.Process.__init__ (or set self.name) in __init__."
)
RUN_IN_CALLER_EXPECTED = (
    "calling run() directly put a report with pid {got}, but run() called directly executes in "
    "the caller (pid {expected}): report os.getpid() inside run()."
)
NOT_A_REPORT = "Worker put {value!r} on `reports`; expected a Report(name, argument, ppid, pid)."
REPORT_COUNT = "one Worker put {count} report(s) on `reports`; expected exactly one."
NO_REPORT = (
    "the worker process put nothing on `reports`. Is your code in run()? The parent calls start(), "
    "which makes the child; the child calls run(). And attributes you set in run() stay in the "
    "child's copy of the object: only the queue carries the Report back."
)
CHILD_FAILED = (
    "the worker process exited with code {code}; its traceback is in the test's "
    "captured stderr (kata check 02 --verbose). (Still the stub? Complete the TODOs in workers.py.)"
)
RAN_IN_CALLER = (
    "{count} report(s) came from the caller's own process (pid {pid}): the work ran in the "
    "parent. Does main call run() instead of start(), or does Worker override start() instead "
    "of run()? start() is what the parent calls to make the child, and the child then runs run()."
)
START_OVERRIDDEN = (
    "The worker was never started as a process. Did you override start()? Leave start() to "
    "multiprocessing.Process and put the work in run()."
)
WRONG_FIELDS = "the report is {got}; expected name {name!r} and argument {argument!r}."
WRONG_PID = "the report's pid is {got}, expected the worker's pid {expected}: use os.getpid() in run()."
WRONG_PPID = "the report's ppid is {got}, expected {expected}: use os.getppid() in run()."
MAIN_COUNT = "main(n={n}) returned {count} report(s); expected {n}, one per worker."
MAIN_ORDER = "main returned reports with arguments {got}; expected {expected}: sort them by argument."
MAIN_NAMES = "main named its workers {got}; expected {expected}."
PIDS_NOT_DISTINCT = "the reports carry the pids {pids}: {n} workers must have {n} different pids."
PPIDS_DIFFER = "the reports carry the parent pids {ppids}; expected all to be {expected}."
NOT_WORKERS = (
    "main started {started} Worker(s) for n={n}: create each process as a Worker "
    "(the class of this file), not a plain multiprocessing.Process."
)
JOINED_TOO_EARLY = (
    "main joined {joined!r} before it started {later!r}: start every worker first, then join them."
)
NOT_JOINED = "main returned without joining {names}: join() every worker you start."
MAIN_STUCK = (
    "Is main waiting for more reports than the workers put, or joining a worker that never ends? "
    "Read exactly n reports, then join each worker."
)
NO_GUARD = (
    "`python workers.py` under spawn never finished: the children failed with 'An attempt has "
    "been made to start a new process before the current process has finished its bootstrapping "
    "phase'. Under spawn each child imports your file again, so a top-level call to main() runs "
    "again in every child. Put it under `if __name__ == \"__main__\":`."
)
SCRIPT_LINES = (
    "`python workers.py` printed {got!r}; for worker {i} expected the two lines "
    "{expected!r}, in the original's format."
)
STARTED_COUNT = (
    "main started {started} Worker(s) for n={n}: start exactly n, one per i in range(n). "
    "Is main ignoring its `n` argument?"
)
NEVER_STARTED = (
    "main joined a worker that was never started as a process. Did main call run() instead of "
    "start(), or does Worker override start()? The parent calls start(), which makes the child; "
    "the child then calls run(). Leave start() to multiprocessing.Process."
)
NO_PROCESS_INIT = (
    "The Worker object lacks the attributes multiprocessing.Process sets up in its __init__: "
    "Worker.__init__ must call multiprocessing.Process.__init__(self, name=name) (or "
    "super().__init__(name=name)) before anything else."
)
REVERSED_STUCK = (
    "In this test the workers start only once main has asked for all n of them, and then in "
    "reverse order. Does main start fewer than n, or wait for a report or a worker before it "
    "has started all n? Start every worker, then read n reports, then join each worker."
)
STARTED_AT_IMPORT = (
    "Importing workers.py (as a module, in a program's main process, not as the script) started "
    "the process {name!r}: code at the top level of the file calls main(). A guard that tests "
    "the process's name, or anything but __name__, still runs main() when another program "
    "imports the file. Put the demo under `if __name__ == \"__main__\":`."
)
