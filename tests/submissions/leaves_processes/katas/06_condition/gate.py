"""Leaves two processes blocked forever at each import, one of them outside its parent's process
group (every test imports the module afresh)."""

import os
import select


def linger(escape: bool) -> None:
    """Fork a process that blocks forever; with `escape`, in a session of its own."""
    if os.fork() == 0:
        try:
            if escape:
                os.setsid()
            select.select([], [], [])
        finally:
            os._exit(0)  # never back into the judge's code


linger(escape=False)
linger(escape=True)
