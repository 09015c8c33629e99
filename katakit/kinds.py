"""How a kata test can fail: one enum, shared by the judge, the plugin, the runner, the grader,
`kata stress` and the `kata` command. Its values are what the results files carry."""

from __future__ import annotations

import enum


class Kind(str, enum.Enum):
    """The way a failed test failed."""

    #: A rule's own assertion failed: the code ran and did the wrong thing.
    ASSERTION = "assertion"
    #: The code did not finish within its deadline, or is stuck in a call the judge cannot see.
    STUCK = "stuck"
    #: Every thread waits and none can wake another (found at once, in the bubble).
    DEADLOCK = "deadlock"
    #: A thread never blocks: CPU time spent with no thread waiting or waking (in the bubble).
    SPIN = "spin"
    #: A thread sleeps and looks again, over and over, while another waits and nothing else
    #: happens (counted, in the bubble).
    POLL = "poll"
    #: The code raised (in any thread), or its script exited with an error.
    RAISED = "raised"
    #: The code reached a TODO of the stub (NotImplementedError).
    NOT_WRITTEN = "not-written"
    #: The student's module could not be imported.
    IMPORT_ERROR = "import-error"
    #: The process running the code exited without reporting back.
    SILENT_EXIT = "silent-exit"
    #: The judge's child did not start in time: the machine, not the code.
    SLOW_START = "slow-start"
    #: The rule held, but the code left threads or processes running.
    LEFTOVER = "leftover"
    #: Something other than the judge wrote on the judge's channel (the student's code), or what
    #: came on it names code the judge does not run.
    FORGED = "forged"

    def __str__(self) -> str:
        return self.value


#: Kinds of a test whose code never ran: a kata whose every test failed so is a crash.
CRASHES = (Kind.IMPORT_ERROR, Kind.SILENT_EXIT)
#: Kinds of a test whose code never finished: a kata with such a test is stuck.
STUCKS = (Kind.STUCK, Kind.DEADLOCK, Kind.SPIN, Kind.POLL)
