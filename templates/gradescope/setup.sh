#!/usr/bin/env bash
# Gradescope autograder setup: runs once, when the autograder image is built.
#
# Upload as the autograder a zip of the instructor's copy of the kata repo with this file and
# run_autograder at its top: Gradescope unpacks it into /autograder/source. The repo is
# installed in editable mode, so that the grader finds its katas, tests and configuration there
# (the pristine copy every submission is graded with).
set -euo pipefail

apt-get update
apt-get install -y --no-install-recommends python3 python3-pip python3-venv

python3 -m venv /autograder/venv
/autograder/venv/bin/python -m pip install --upgrade pip
/autograder/venv/bin/python -m pip install -e /autograder/source

# Student code must not run as root where it can be avoided: the process limit (RLIMIT_NPROC)
# does not bind root. The grader runs as this user (see run_autograder).
id -u kata-grader >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin kata-grader
