"""Leaves two processes blocked forever at each import, one of them outside its parent's process
group (every test imports the module afresh)."""

import os
import select


def linger(escape: bool) -> None:
    """Fork a process that blocks forever; with `escape`, in a session of its own."""
    if os.fork() == 0:
        if escape:
            os.setsid()
        select.select([], [], [])


linger(escape=False)
linger(escape=True)
