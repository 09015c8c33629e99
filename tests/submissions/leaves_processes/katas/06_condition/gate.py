"""Leaves two processes blocked forever, one of them outside its parent's process group.

Only the first import in a folder starts them (every test imports the module afresh).
"""

import os
import select


def linger(escape: bool) -> None:
    """Fork a process that blocks forever; with `escape`, in a session of its own."""
    if os.fork() == 0:
        if escape:
            os.setsid()
        select.select([], [], [])


try:
    open(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".started"), "x").close()
except FileExistsError:
    pass
else:
    linger(escape=False)
    linger(escape=True)
