#!/usr/bin/env bash
# Gradescope autograder setup: runs once, as root, when the autograder image is built.
#
# Upload as the autograder a zip of the instructor's copy of the kata repo with this file and
# run_autograder at its top: Gradescope unpacks it into /autograder/source. The repo is
# installed in editable mode into its own virtual environment, so that the grader finds its
# katas, tests and configuration there (the pristine copy every submission is graded with).
set -euo pipefail

root="${AUTOGRADER_ROOT:-/autograder}"
apt-get update
# util-linux gives unshare, mount and setpriv: the grader's sandbox, where the container allows it.
apt-get install -y --no-install-recommends python3 python3-pip python3-venv util-linux

python3 -m venv "$root/venv"
"$root/venv/bin/python" -m pip install --upgrade pip
"$root/venv/bin/python" -m pip install -e "$root/source"

# Student code runs under a uid of its own. Where the container allows no namespaces, that uid
# can still read what every user may: keep the reference solutions, the kept solutions and the
# repository's history from it.
cd "$root/source"
chmod -R go-rwx solutions katas/*/.meta/solution katas/*/.meta/wrong katas/*/.meta/correct
if [ -e .git ]; then chmod -R go-rwx .git; fi
