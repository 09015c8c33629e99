"""Ends the process that imports it at once, with exit code 0 and without cleaning up."""

import os

os._exit(0)
