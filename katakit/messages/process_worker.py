"""Messages of kata 01 (process worker)."""

NOT_A_REPORT = (
    "worker put {value!r} on `reports`; expected a Report(name, argument, ppid, pid) "
    "(the Report class given in the file)."
)
REPORT_COUNT = (
    "worker put {count} report(s) on `reports` for one call; expected exactly one. "
    "Put one Report, once, at the end of worker."
)
WRONG_NAME = (
    "the report's name is {got!r}, expected {expected!r}: take it from "
    "multiprocessing.current_process().name, the name of the process worker runs in."
)
WRONG_ARGUMENT = "the report's argument is {got!r}, expected {expected!r}: report the `count` worker got."
WRONG_PID = (
    "the report's pid is {got}, expected {expected}, the pid of the process worker ran in: "
    "use os.getpid() inside worker."
)
WRONG_PPID = (
    "the report's ppid is {got}, expected {expected}: use os.getppid() inside worker. "
    "(Under forkserver, a child's parent is the fork server, not the process that asked for it.)"
)
CHILD_FAILED = (
    "the child process running worker exited with code {code}; its traceback is in the test's "
    "captured stderr (kata check 01 --verbose). (Still the stub? Complete the TODOs in worker.py.)"
)
NO_REPORT = (
    "the child process running worker put nothing on `reports`. worker must put one Report "
    "on the queue it is given: nothing else travels back from a child."
)
MAIN_COUNT = "main(n={n}) returned {count} report(s); expected {n}, one per process."
MAIN_ORDER = "main returned reports with arguments {got}; expected {expected}: sort them by argument."
MAIN_NAMES = (
    "main named its processes {got}; expected {expected}: pass name=f\"process {{i}}\" "
    "(or set .name before start())."
)
RAN_IN_CALLER = (
    "{count} report(s) came from the caller's own process (pid {pid}): worker ran in the parent, "
    "not in a child. Give worker to context.Process(target=worker, args=(i, reports)) and "
    "start() it; do not call worker(), nor the process's run(), yourself: both run in the caller."
)
PIDS_NOT_DISTINCT = "the reports carry the pids {pids}: {n} processes must have {n} different pids."
PPIDS_DIFFER = (
    "the reports carry the parent pids {ppids}; expected all to be {expected}, "
    "the parent of every child main started."
)
NOT_THROUGH_CONTEXT = (
    "main started {started} process(es) through `context` for n={n}: take the Process class from "
    "the context you are given (context.Process), so that the caller chooses the start method."
)
JOINED_TOO_EARLY = (
    "main joined {joined!r} before it started {later!r}: start every process first, then join "
    "them. Joining inside the start loop runs the workers one after another."
)
NOT_JOINED = (
    "main returned without joining {names}: join() every process you start, so that none is "
    "left behind as a zombie or still running."
)
BAD_EXIT = "process(es) {names} exited with code(s) {codes}; every worker must end normally (0)."
NOT_PICKLABLE = (
    "Under spawn and forkserver the target and its arguments are pickled and sent to the child: "
    "a lambda or a nested function cannot be. Pass worker itself: "
    "context.Process(target=worker, args=(i, reports))."
)
MAIN_STUCK = (
    "Is main waiting for more reports than the workers put, or joining a process that never "
    "ends? Read exactly n reports, then join each process."
)
NOT_DEFAULT_CONTEXT = (
    "with no context and the default start method set to {method}, main's children report the "
    "parent pid(s) {ppids}; children started with {method} have the parent {expected}. "
    "Is main choosing a start method of its own? With no context, use "
    "multiprocessing.get_context() with no argument: the caller's default."
)
STARTED_COUNT = (
    "main started {started} process(es) for n={n}: start exactly n, one per i in range(n). "
    "Is main ignoring its `n` argument?"
)
NEVER_STARTED = (
    "main joined a process that was never started. Did main call run() instead of start()? "
    "run() executes the target in the calling process; start() makes the child process, "
    "which then runs the target."
)
REVERSED_STUCK = (
    "In this test the processes start only once main has asked for all n of them, and then in "
    "reverse order. Does main start fewer than n, or wait for a report or a process before it "
    "has started all n? Start every process, then read n reports, then join each process."
)
STARTED_AT_IMPORT = (
    "Importing worker.py (as a module, not as the script) started the process {name!r}: "
    "code at the top level of the file calls main(). Every program that imports worker.py, "
    "and every child process under spawn and forkserver, would run it again. Put the demo "
    "under `if __name__ == \"__main__\":`."
)
