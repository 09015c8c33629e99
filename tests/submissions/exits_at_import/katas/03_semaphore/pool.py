"""Ends the process that imports it, with exit code 0."""

import sys

sys.exit(0)
