"""The judge's own messages: how student code failed to run, whatever the kata.

A kept wrong solution names one of these as ``judge.NAME`` in its ``expect:`` lines.
"""

STUCK = (
    "{what} did not finish within {deadline:.1f} s: it looks stuck.\n"
    "{hint}\n"
    "Where each thread was when the judge stopped it:\n{stacks}"
)
DEADLOCK = (
    "{what} can never finish: every thread is waiting, and none of them can wake another "
    "(a deadlock, found at once).\n{report}\n{hint}"
)
SPIN = "{what} never finishes: a thread spins.\n{report}"
BLOCKED = "{what} did not finish: it looks stuck.\n{report}\n{hint}"
BUBBLE_AT_IMPORT = (
    "Importing {module}.py never finishes: the code at the top level of the file never returns "
    "(a loop, a join, a wait, or a call to main() outside `if __name__ == \"__main__\":`). "
    "Every test of this kata fails until it imports.\n{report}"
)
STUCK_AT_IMPORT = (
    "Importing {module}.py did not finish within {deadline:.1f} s: something at the top level "
    "of the file never returns (a loop, a join, a wait, or a call to main() outside "
    "`if __name__ == \"__main__\":`). Every test of this kata fails until it imports.\n"
    "Where each thread was when the judge stopped it:\n{stacks}"
)
SLOW_START = (
    "The judge's child process did not start within {limit:.1f} s, so your code was not run: "
    "the machine is too busy for the katas' deadlines. Run the tests again, or raise "
    "KATA_TIMEOUT_SCALE (see the README)."
)
STUCK_NO_STACKS = "(the code did not answer the request for its stacks: busy in C code?)"
NOT_IMPLEMENTED = (
    "{function}() is not written yet: {where} still raises NotImplementedError.\n"
    "Complete the TODO there (see the kata's README.md)."
)
RAISED = "{thread} raised {type_name}: {message}\n{where}{hint}\n\n{traceback}"
IMPORT_FAILED = (
    "{module}.py could not be imported: {type_name}: {message}\n{where}\n"
    "Fix this first: no test of this kata can run until the file imports.\n\n{traceback}"
)
SILENT_EXIT = (
    "The process running your code exited (exit code {code}) without reporting back.\n"
    "Does your code call sys.exit() or os._exit(), or crash the interpreter? "
    "Code under test must return normally."
)
LEFTOVER_THREADS = (
    "Your code left {count} thread(s) running after it returned:\n{stacks}\n"
    "Every thread you start must finish: join() it, and make sure nothing it waits for is "
    "missing."
)
LEFTOVER_DEADLOCK = (
    "Your code left {count} thread(s) waiting for good after it returned: every one of them "
    "waits, and none of them can wake another (a deadlock).\n{report}\n"
    "Every thread you start must finish: a thread must never wait for a lock it holds, nor for "
    "one that a thread waiting for it holds."
)
LEFTOVER_PROCESSES = (
    "Your code left {count} process(es) running after it returned: {names}.\n"
    "join() every process you start before returning."
)
SCRIPT_STUCK = (
    "`python {file}` did not finish within {deadline:.1f} s: it looks stuck.\n{hint}"
    "Where each thread was when the judge stopped it:\n{stacks}"
)
SCRIPT_NOT_WRITTEN = (
    "`python {file}` failed with NotImplementedError: complete the TODOs in {file} first.\n{stderr}"
)
SCRIPT_FAILED = "`python {file}` exited with code {code}:\n{stderr}"
API_MISSING = "{file} does not define {names}: keep the names the kata's README gives."
SCRIPT_RAN_NOTHING = (
    "`python {file}` ended without calling any function of {file}: the demo under "
    "`if __name__ == \"__main__\":` should run your code."
)
TOUCHED_STUDENT_CLASS = (
    "Judge error: the scenario returned an object of the student's module ({name}); "
    "scenarios must return plain values."
)
