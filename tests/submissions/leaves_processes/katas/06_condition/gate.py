"""Leaves two processes blocked forever, one of them outside its parent's process group.

Only the first import under one pytest starts them (every test imports the module afresh); the
mark of it goes in /tmp, as the kata's own folder is not the student's to write.
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
    open(f"/tmp/.kata-leaves-processes-{os.getppid()}", "x").close()
except FileExistsError:
    pass
else:
    linger(escape=False)
    linger(escape=True)
