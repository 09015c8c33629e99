"""Tooling of the concurrency katas: the judge, the pytest plugin, the `kata` command."""
